/** `GET /healthy` (process up) and `GET /ready` (Kafka and other registered dependencies). */
export { HealthModule } from './health.module';
export { ReadinessChecks, ReadinessCheck, ReadinessReport } from './readiness-checks';
