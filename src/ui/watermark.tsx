/** Faint tiled watermark (user and date) over every page; prints too, never catches clicks. */
export function Watermark({ text }: { text: string }) {
  const escaped = text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200">` +
    `<text x="20" y="120" transform="rotate(-20 160 100)" fill="rgba(0,0,0,0.06)" font-size="16" ` +
    `font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif">${escaped}</text></svg>`;
  return (
    <div
      className="lr-watermark"
      aria-hidden="true"
      data-testid="watermark"
      data-text={text}
      style={{ backgroundImage: `url("data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}")` }}
    />
  );
}
