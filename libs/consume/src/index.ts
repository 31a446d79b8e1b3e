/** The consume data plane: v2 consumers, v3 stateless partition reads and record streams. */
export { ConsumeModule, ConsumeModuleAsyncOptions } from './consume.module';
export { ConsumeOptions, DEFAULT_CONSUME_OPTIONS } from './consume.options';
