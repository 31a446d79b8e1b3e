import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ReadinessChecks, ReadinessReport } from './readiness-checks';

/** Kubernetes-style probes (kafka-rest#923): liveness never touches Kafka, readiness does. */
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessChecks) {}

  @Get('healthy')
  healthy(): { status: string } {
    return { status: 'UP' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.run();
    void reply.status(report.ready ? 200 : 503);
    return report;
  }
}
