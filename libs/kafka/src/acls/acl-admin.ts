import { Injectable } from '@nestjs/common';
import { createAclsV3, deleteAclsV3, describeAclsV3 } from '@platformatic/kafka';
import { KafkaClients } from '../kafka-clients';
import { fromProtocolAcl, sameAcl, toProtocolAcl, toProtocolFilter } from './acl-codes';
import { AclBinding, AclBindingFilter } from './acl.types';
import { pollUntil } from '../poll-until';

const MATCH_ALL: AclBindingFilter = {
  resourceType: 'ANY',
  resourceName: null,
  patternType: 'ANY',
  principal: null,
  host: null,
  operation: 'ANY',
  permission: 'ANY',
};

// The controller commits ACL changes before it answers, but the broker that serves DescribeAcls
// applies them from the metadata log a moment later; writes wait (bounded) until it has.
const VISIBILITY_TIMEOUT_MS = 5_000;

/** Access control lists (needs an authorizer on the brokers, else SECURITY_DISABLED). */
export abstract class AclAdmin {
  abstract describeAcls(filter: AclBindingFilter): Promise<AclBinding[]>;
  /** Creates all or reports the first failure (Kafka applies each creation on its own). */
  abstract createAcls(acls: AclBinding[]): Promise<void>;
  /** Deletes every ACL the filter matches and returns them. */
  abstract deleteAcls(filter: AclBindingFilter): Promise<AclBinding[]>;
}

@Injectable()
export class KafkaAclAdmin extends AclAdmin {
  constructor(private readonly clients: KafkaClients) {
    super();
  }

  async describeAcls(filter: AclBindingFilter): Promise<AclBinding[]> {
    const response = await this.clients.onAnyBroker((connection) =>
      describeAclsV3.api.async(connection, toProtocolFilter(filter)),
    );
    return response.resources.flatMap((resource) =>
      resource.acls.map((entry) => fromProtocolAcl({ ...resource, ...entry })),
    );
  }

  async createAcls(acls: AclBinding[]): Promise<void> {
    if (acls.length === 0) {
      return;
    }
    await this.clients.onAnyBroker((connection) =>
      createAclsV3.api.async(connection, acls.map(toProtocolAcl)),
    );
    await this.awaitVisible((current) => acls.every((a) => current.some((c) => sameAcl(a, c))));
  }

  async deleteAcls(filter: AclBindingFilter): Promise<AclBinding[]> {
    const response = await this.clients.onAnyBroker((connection) =>
      deleteAclsV3.api.async(connection, [toProtocolFilter(filter)]),
    );
    const deleted = response.filterResults.flatMap((r) => r.matchingAcls.map(fromProtocolAcl));
    await this.awaitVisible((current) => !deleted.some((d) => current.some((c) => sameAcl(d, c))));
    return deleted;
  }

  private awaitVisible(done: (current: AclBinding[]) => boolean): Promise<void> {
    return pollUntil(async () => done(await this.describeAcls(MATCH_ALL)), VISIBILITY_TIMEOUT_MS);
  }
}
