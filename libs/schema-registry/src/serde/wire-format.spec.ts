import { describe, expect, it } from 'vitest';
import {
  decodeMessageIndexes,
  decodeWire,
  encodeMessageIndexes,
  encodeWire,
  readSchemaId,
  WireFormatError,
  zigZagVarint,
} from './wire-format';

const hex = (bytes: Buffer | number[]) => Buffer.from(bytes).toString('hex');

describe('Confluent wire format', () => {
  describe(zigZagVarint.name, () => {
    it('writes zig-zag varints as Kafka ByteUtils.writeVarint does', () => {
      expect(hex(zigZagVarint(0))).toBe('00');
      expect(hex(zigZagVarint(1))).toBe('02');
      expect(hex(zigZagVarint(-1))).toBe('01');
      expect(hex(zigZagVarint(2))).toBe('04');
      expect(hex(zigZagVarint(63))).toBe('7e');
      expect(hex(zigZagVarint(64))).toBe('8001');
      expect(hex(zigZagVarint(150))).toBe('ac02');
    });
  });

  describe(encodeMessageIndexes.name, () => {
    it('writes [0] as the single byte 0', () => {
      expect(hex(encodeMessageIndexes([0]))).toBe('00');
    });

    it('writes other paths as a zig-zag count followed by zig-zag indexes', () => {
      expect(hex(encodeMessageIndexes([1]))).toBe('0202');
      expect(hex(encodeMessageIndexes([1, 0]))).toBe('040200');
      expect(hex(encodeMessageIndexes([0, 2]))).toBe('040004');
      expect(hex(encodeMessageIndexes([64]))).toBe('028001');
    });
  });

  describe(decodeMessageIndexes.name, () => {
    it('reads the single byte 0 as [0] and returns where the payload starts', () => {
      expect(decodeMessageIndexes(Buffer.from([0, 0x0a]), 0)).toEqual({ indexes: [0], offset: 1 });
    });

    it('reads every path it writes', () => {
      for (const indexes of [[0], [1], [1, 0], [3, 2, 1], [64, 200]]) {
        const bytes = Buffer.concat([encodeMessageIndexes(indexes), Buffer.from([0xff])]);
        expect(decodeMessageIndexes(bytes, 0)).toEqual({ indexes, offset: bytes.length - 1 });
      }
    });

    it('rejects truncated indexes', () => {
      expect(() => decodeMessageIndexes(Buffer.from([0x04, 0x02]), 0)).toThrow(WireFormatError);
    });
  });

  describe(encodeWire.name, () => {
    it('writes magic byte 0, the big-endian schema id and the payload (Avro, JSON Schema)', () => {
      const bytes = encodeWire({ schemaId: 1, payload: Buffer.from([0x02, 0x61]) });
      expect(hex(bytes)).toBe('00000000010261');
    });

    it('writes large schema ids big-endian', () => {
      const bytes = encodeWire({ schemaId: 0x01020304, payload: Buffer.alloc(0) });
      expect(hex(bytes)).toBe('0001020304');
    });

    it('puts Protobuf message indexes between the schema id and the payload', () => {
      const bytes = encodeWire({
        schemaId: 7,
        messageIndexes: [1, 0],
        payload: Buffer.from([0x08, 0x05]),
      });
      expect(hex(bytes)).toBe('0000000007' + '040200' + '0805');
    });
  });

  describe(decodeWire.name, () => {
    it('splits header and payload', () => {
      const bytes = Buffer.from('00000000010261', 'hex');
      expect(decodeWire(bytes, false)).toEqual({
        schemaId: 1,
        payload: Buffer.from('0261', 'hex'),
      });
    });

    it('reads Protobuf message indexes when asked', () => {
      const bytes = Buffer.from('0000000007040200' + '0805', 'hex');
      expect(decodeWire(bytes, true)).toEqual({
        schemaId: 7,
        messageIndexes: [1, 0],
        payload: Buffer.from('0805', 'hex'),
      });
    });

    it('rejects another magic byte and too short input', () => {
      expect(() => readSchemaId(Buffer.from('0100000001', 'hex'))).toThrow(/magic byte 1/);
      expect(() => readSchemaId(Buffer.from('000000', 'hex'))).toThrow(WireFormatError);
    });
  });
});
