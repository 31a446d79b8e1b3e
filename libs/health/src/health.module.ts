import { Global, Module, OnModuleInit } from '@nestjs/common';
import { ClusterAdmin } from '@gateway/kafka';
import { HealthController } from './health.controller';
import { ReadinessChecks } from './readiness-checks';

@Global()
@Module({
  controllers: [HealthController],
  providers: [ReadinessChecks],
  exports: [ReadinessChecks],
})
export class HealthModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessChecks,
    private readonly cluster: ClusterAdmin,
  ) {}

  onModuleInit(): void {
    this.readiness.register('kafka', async () => {
      await this.cluster.describeCluster();
    });
  }
}
