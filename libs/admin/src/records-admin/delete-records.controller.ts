import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import { DeletedRecordsDataList, DeleteRecordsRequest } from './delete-records.dto';
import { DeleteRecordsService } from './delete-records.service';

/** Extension (openapi/gateway-extensions.yaml): not in Confluent's API. */
@Controller(v3Paths('clusters/:cluster_id/topics/:topic_name'))
export class DeleteRecordsController {
  constructor(private readonly records: DeleteRecordsService) {}

  // find-my-way reads `::` as one literal colon: this serves `.../records:delete`.
  @Post('records::delete')
  @HttpCode(200)
  deleteBefore(
    @Param('cluster_id') clusterId: string,
    @Param('topic_name') topicName: string,
    @Body(new ZodBodyPipe(DeleteRecordsRequest)) body: DeleteRecordsRequest,
    @Urls() urls: ResourceUrls,
  ): Promise<DeletedRecordsDataList> {
    return this.records.deleteBefore(clusterId, topicName, body, urls);
  }
}
