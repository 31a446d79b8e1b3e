import { Module } from '@nestjs/common';

/** Placeholder module so the app wiring already has the data plane's place. */
@Module({})
export class RecordsModule {}
