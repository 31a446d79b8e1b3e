import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ResourceUrls, Urls, v3Paths, ZodBodyPipe } from '@gateway/rest';
import { AclsBatchBodyPipe } from './acls-batch-body.pipe';
import {
  AclDataList,
  AclQuery,
  BatchCreateAclRequest,
  CreateAclRequest,
  DeleteAclsResponse,
} from './acls.dto';
import { AclsService } from './acls.service';

@Controller(v3Paths('clusters/:cluster_id'))
export class AclsController {
  constructor(private readonly acls: AclsService) {}

  @Get('acls')
  search(
    @Param('cluster_id') clusterId: string,
    @Query() query: AclQuery,
    @Urls() urls: ResourceUrls,
  ): Promise<AclDataList> {
    return this.acls.search(clusterId, query, urls);
  }

  /** 201 with no body; `Location` is the search URL that finds the new ACL. */
  @Post('acls')
  async create(
    @Param('cluster_id') clusterId: string,
    @Body(new ZodBodyPipe(CreateAclRequest)) body: CreateAclRequest,
    @Urls() urls: ResourceUrls,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const location = await this.acls.create(clusterId, body, urls);
    void reply.status(201).header('Location', location);
  }

  // find-my-way reads `::` as one literal colon, so this serves `.../acls:batch`.
  // kafka-rest answers 204 (its integration test asserts it), though the spec says 201.
  @Post('acls::batch')
  @HttpCode(204)
  batchCreate(
    @Param('cluster_id') clusterId: string,
    @Body(new AclsBatchBodyPipe()) body: BatchCreateAclRequest,
  ): Promise<void> {
    return this.acls.batchCreate(clusterId, body);
  }

  @Delete('acls')
  delete(
    @Param('cluster_id') clusterId: string,
    @Query() query: AclQuery,
    @Urls() urls: ResourceUrls,
  ): Promise<DeleteAclsResponse> {
    return this.acls.delete(clusterId, query, urls);
  }
}
