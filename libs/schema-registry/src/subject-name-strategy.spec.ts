import { describe, expect, it } from 'vitest';
import { SubjectNameError, subjectName } from './subject-name-strategy';

describe(subjectName.name, () => {
  it('TOPIC_NAME gives <topic>-key and <topic>-value, with or without a schema', () => {
    expect(subjectName('TOPIC_NAME', 'orders', true, 'x.R')).toBe('orders-key');
    expect(subjectName('TOPIC_NAME', 'orders', false, null)).toBe('orders-value');
  });

  it('RECORD_NAME gives the record name', () => {
    expect(subjectName('RECORD_NAME', 'orders', false, 'com.acme.Order')).toBe('com.acme.Order');
  });

  it('TOPIC_RECORD_NAME gives <topic>-<record name>', () => {
    expect(subjectName('TOPIC_RECORD_NAME', 'orders', true, 'com.acme.Key')).toBe(
      'orders-com.acme.Key',
    );
  });

  it('rejects record strategies without a schema with kafka-rest wording', () => {
    expect(() => subjectName('RECORD_NAME', 'orders', false, null)).toThrow(
      new SubjectNameError(
        'Cannot use schema_subject_strategy=RECORD_NAME without schema_id or schema.',
      ),
    );
  });

  it('rejects record strategies for schemas without a name', () => {
    expect(() => subjectName('TOPIC_RECORD_NAME', 'orders', false, undefined)).toThrow(
      SubjectNameError,
    );
  });
});
