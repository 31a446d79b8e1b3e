import { describe, expect, it } from 'vitest';
import { ConsumedRecord } from '@gateway/kafka';
import {
  RegistryHttpError,
  RegistryUnreachableError,
  SchemaSerdes,
} from '@gateway/schema-registry';
import { SchemaDecoder } from './schema-decoder';

const wire = (id: number, payload = [1]): Buffer => {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(id, 1);
  return Buffer.concat([header, Buffer.from(payload)]);
};
const record = (value: Buffer | null, key: Buffer | null = null): ConsumedRecord =>
  ({ topic: 't', partition: 0, offset: 0, key, value, headers: [] }) as unknown as ConsumedRecord;

/** A registry that knows schema 1 (AVRO) and 2 (PROTOBUF); 9 is unknown; 7 is unreachable. */
function fakeSerdes(): SchemaSerdes {
  const formats: Record<number, string> = { 1: 'AVRO', 2: 'PROTOBUF' };
  return {
    configured: true,
    client: {
      getSchemaById: (id: number) => {
        if (id === 7) {
          return Promise.reject(new RegistryUnreachableError('connect ECONNREFUSED'));
        }
        return formats[id] === undefined
          ? Promise.reject(new RegistryHttpError(404, 40403, 'Schema not found'))
          : Promise.resolve({ id, format: formats[id], schema: '', references: [] });
      },
    },
    deserialize: (bytes: Buffer) =>
      bytes[5] === 0xff
        ? Promise.reject(new Error('bad payload'))
        : Promise.resolve({ format: formats[bytes.readUInt32BE(1)], schemaId: 1, data: { ok: 1 } }),
  } as unknown as SchemaSerdes;
}

describe(SchemaDecoder.name, () => {
  const decoder = new SchemaDecoder(fakeSerdes());
  const binary = (b: Buffer) => ({ type: 'BINARY', data: b.toString('base64') });

  describe('typedPairs', () => {
    it('decodes wire-format bytes of the asked format with their schema id', async () => {
      expect(await decoder.typedPairs([record(wire(1), null)], 'AVRO')).toEqual([
        { key: null, value: { type: 'AVRO', data: { ok: 1 }, schema_id: 1 } },
      ]);
    });

    it('shows BINARY for no magic byte, an unknown id, another format or an undecodable payload', async () => {
      const values = [Buffer.from('plain'), wire(9), wire(2), wire(1, [0xff]), Buffer.from([0])];
      const pairs = await decoder.typedPairs(
        values.map((v) => record(v)),
        'AVRO',
      );
      expect(pairs.map((p) => p.value)).toEqual(values.map(binary));
    });

    it('fails with 42207 when the registry cannot be reached', async () => {
      await expect(decoder.typedPairs([record(wire(7))], 'AVRO')).rejects.toMatchObject({
        errorCode: 42207,
      });
    });

    it('needs a configured registry (42206)', async () => {
      await expect(new SchemaDecoder().typedPairs([], 'AVRO')).rejects.toMatchObject({
        errorCode: 42206,
      });
    });
  });

  describe('v2Data', () => {
    it('returns the decoded JSON, null for null, and rejects another format', async () => {
      expect(await decoder.v2Data(wire(1), 'AVRO')).toEqual({ ok: 1 });
      expect(await decoder.v2Data(null, 'AVRO')).toBeNull();
      await expect(decoder.v2Data(wire(2), 'AVRO')).rejects.toThrow(
        'schema id 1 is PROTOBUF, not AVRO',
      );
    });
  });
});
