/**
 * A minimal Protocol Buffers writer: just what the Mapbox Vector Tile encoding needs (varints,
 * packed varints, doubles, strings and nested length-delimited messages). Pure, no dependencies.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;

const utf8 = new TextEncoder();

export class PbfWriter {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;

  constructor(initialSize = 16 * 1024) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Unsigned varint of a non-negative integer up to 2^53. */
  varint(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`varint out of range: ${value}`);
    }
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  varintField(field: number, value: number): void {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
  }

  /** sint64 field (zig-zag), for signed integers in the safe range. */
  svarintField(field: number, value: number): void {
    this.tag(field, WIRE_VARINT);
    this.varint(value < 0 ? -value * 2 - 1 : value * 2);
  }

  boolField(field: number, value: boolean): void {
    this.varintField(field, value ? 1 : 0);
  }

  doubleField(field: number, value: number): void {
    this.tag(field, WIRE_FIXED64);
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  bytesField(field: number, bytes: Uint8Array): void {
    this.tag(field, WIRE_BYTES);
    this.varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  stringField(field: number, value: string): void {
    this.bytesField(field, utf8.encode(value));
  }

  /** Packed repeated uint32 (values already non-negative integers). */
  packedVarintField(field: number, values: ArrayLike<number>): void {
    if (values.length === 0) return;
    this.messageField(field, () => {
      for (let i = 0; i < values.length; i++) this.varint(values[i]);
    });
  }

  /**
   * A nested message: one byte is reserved for its length; when the body turns out longer
   * than 127 bytes, it is moved to make room for the longer varint.
   */
  messageField(field: number, writeBody: () => void): void {
    this.tag(field, WIRE_BYTES);
    this.ensure(1);
    const start = this.pos;
    this.pos += 1;
    writeBody();
    const len = this.pos - start - 1;
    let lenBytes = 1;
    for (let v = len; v >= 0x80; v = Math.floor(v / 0x80)) lenBytes++;
    if (lenBytes > 1) {
      this.ensure(lenBytes - 1);
      this.buf.copyWithin(start + lenBytes, start + 1, this.pos);
      this.pos += lenBytes - 1;
    }
    const end = this.pos;
    this.pos = start;
    this.varint(len);
    this.pos = end;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
