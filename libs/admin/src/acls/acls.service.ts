import { Injectable } from '@nestjs/common';
import { AclAdmin } from '@gateway/kafka';
import { ResourceUrls } from '@gateway/rest';
import { ClusterLookup } from '../clusters/cluster-lookup.service';
import { parseDeleteQuery, parseSearchQuery } from './acl-query';
import { toNewAcl } from './acl-rules';
import {
  AclDataList,
  AclQuery,
  BatchCreateAclRequest,
  CreateAclRequest,
  DeleteAclsResponse,
} from './acls.dto';
import { aclSearchUrl, bindingParams, compareAcls, toAclData } from './acls.mapper';

@Injectable()
export class AclsService {
  constructor(
    private readonly clusters: ClusterLookup,
    private readonly acls: AclAdmin,
  ) {}

  async search(clusterId: string, query: AclQuery, urls: ResourceUrls): Promise<AclDataList> {
    const filter = parseSearchQuery(query);
    await this.clusters.require(clusterId);
    const found = await this.acls.describeAcls(filter);
    return {
      kind: 'KafkaAclList',
      metadata: { self: aclSearchUrl(clusterId, bindingParams(filter), urls), next: null },
      data: found.sort(compareAcls).map((acl) => toAclData(clusterId, acl, urls)),
    };
  }

  /** Returns the search URL of the new ACL (the `Location` of the 201). */
  async create(clusterId: string, request: CreateAclRequest, urls: ResourceUrls): Promise<string> {
    const acl = toNewAcl(request);
    await this.clusters.require(clusterId);
    await this.acls.createAcls([acl]);
    return aclSearchUrl(clusterId, bindingParams(acl), urls);
  }

  async batchCreate(clusterId: string, request: BatchCreateAclRequest): Promise<void> {
    const acls = request.data.map(toNewAcl);
    await this.clusters.require(clusterId);
    await this.acls.createAcls(acls);
  }

  async delete(
    clusterId: string,
    query: AclQuery,
    urls: ResourceUrls,
  ): Promise<DeleteAclsResponse> {
    const filter = parseDeleteQuery(query);
    await this.clusters.require(clusterId);
    const deleted = await this.acls.deleteAcls(filter);
    return { data: deleted.sort(compareAcls).map((acl) => toAclData(clusterId, acl, urls)) };
  }
}
