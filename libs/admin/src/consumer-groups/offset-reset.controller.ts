import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import { ConsumerGroupOffsetsResetData, ResetOffsetsRequest } from './offset-reset.dto';
import { OffsetResetService } from './offset-reset.service';

/** Extension (openapi/gateway-extensions.yaml): not in Confluent's API. */
@Controller(v3Paths('clusters/:cluster_id/consumer-groups/:consumer_group_id'))
export class OffsetResetController {
  constructor(private readonly resets: OffsetResetService) {}

  // find-my-way reads `::` as one literal colon: this serves `.../offsets:reset`.
  @Post('offsets::reset')
  @HttpCode(200)
  reset(
    @Param('cluster_id') clusterId: string,
    @Param('consumer_group_id') groupId: string,
    @Body(new ZodBodyPipe(ResetOffsetsRequest)) body: ResetOffsetsRequest,
    @Urls() urls: ResourceUrls,
  ): Promise<ConsumerGroupOffsetsResetData> {
    return this.resets.reset(clusterId, groupId, body, urls);
  }
}
