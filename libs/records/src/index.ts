/** The data plane (produce, consume); filled by the produce and consume issues. */
export { RecordsModule } from './records.module';
