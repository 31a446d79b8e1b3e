export const avroSchema = (fields: object[], name = 'Order', namespace = 'acme') =>
  JSON.stringify({ type: 'record', name, namespace, fields });

export const AVRO_V1 = avroSchema([{ name: 'f1', type: 'string' }]);
/** Backward compatible with V1: a new field with a default. */
export const AVRO_V2 = avroSchema([
  { name: 'f1', type: 'string' },
  { name: 'qty', type: 'int', default: 0 },
]);
/** Not backward compatible with V1: f1 changes type. */
export const AVRO_INCOMPATIBLE = avroSchema([{ name: 'f1', type: 'int' }]);

export const JSON_SCHEMA = JSON.stringify({
  title: 'acme.Order',
  type: 'object',
  properties: { f1: { type: 'string' } },
  required: ['f1'],
});

export const PROTO_SCHEMA = `syntax = "proto3";
package acme;

message Order {
  string f1 = 1;
  int32 qty = 2;
}

message Envelope {
  message Inner {
    int32 x = 1;
  }
  Inner inner = 1;
}
`;

export const SCHEMAS = {
  AVRO: { schema: AVRO_V1, data: { f1: 'a' }, invalid: { f1: 1 }, recordName: 'acme.Order' },
  JSONSCHEMA: {
    schema: JSON_SCHEMA,
    data: { f1: 'a' },
    invalid: { f1: 1 },
    recordName: 'acme.Order',
  },
  PROTOBUF: {
    schema: PROTO_SCHEMA,
    data: { f1: 'a' },
    invalid: { f1: 1 },
    recordName: 'acme.Order',
  },
} as const;
