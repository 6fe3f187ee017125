'use client';
import { useState } from 'react';
import { ImageViewer } from 'tdesign-react';

export interface PhotoThumb {
  id: string;
  fileName: string;
  url: string;
}

/** Small square thumbnails; a click opens the viewer on that photo (with the others of the set). */
export function PhotoThumbs({ photos, size = 56 }: { photos: PhotoThumb[]; size?: number }) {
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return <span className="lr-muted">无</span>;
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {photos.map((p, i) => (
          <button
            key={p.id}
            type="button"
            onClick={() => setOpen(i)}
            title={p.fileName}
            aria-label={`查看照片 ${p.fileName}`}
            style={{ padding: 0, border: '1px solid var(--td-component-stroke)', borderRadius: 3, background: 'none', cursor: 'zoom-in', lineHeight: 0 }}
          >
            {/* A plain img: the file comes from our own authenticated route, not the image optimiser. */}
            <img src={p.url} alt={p.fileName} width={size} height={size} loading="lazy" style={{ objectFit: 'cover', borderRadius: 2 }} />
          </button>
        ))}
      </div>
      {open !== null && (
        <ImageViewer
          visible
          trigger={() => null}
          index={open}
          images={photos.map((p) => ({ mainImage: p.url, thumbnail: p.url, download: true }))}
          onIndexChange={(i) => setOpen(i)}
          onClose={() => setOpen(null)}
          title={photos[open]?.fileName}
        />
      )}
    </>
  );
}
