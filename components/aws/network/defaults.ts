/** Secure defaults of the enclave VPC. */

/**
 * Interface endpoints created in every VPC, so nodes and pods reach these AWS APIs over private
 * addresses (and at all, when there is no NAT). The S3 gateway and S3 interface endpoints are
 * always added (endpoints.ts).
 * - ecr.api, ecr.dkr: image pulls from ECR (layers come from ECR's bucket through the S3 endpoints)
 * - sts: IRSA (AssumeRoleWithWebIdentity)
 * - kms, secretsmanager: envelope encryption and the database master secret
 * - logs: CloudWatch Logs agents
 * - ec2, elasticloadbalancing, autoscaling: the VPC CNI, the EBS CSI driver, load balancers
 */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ecr.api",
  "ecr.dkr",
  "sts",
  "kms",
  "logs",
  "ec2",
  "elasticloadbalancing",
  "autoscaling",
  "secretsmanager",
] as const;

/** Subnets never hand out public addresses: nodes, databases and NAT/LB subnets alike. */
export const MAP_PUBLIC_IP_ON_LAUNCH = false;

/** Flow logs record accepted and rejected traffic, aggregated every minute. */
export const FLOW_LOG_DEFAULTS = {
  trafficType: "ALL",
  maxAggregationInterval: 60,
  logDestinationType: "cloud-watch-logs",
} as const;

/** Only HTTPS reaches the interface endpoints, and only from inside the VPC. */
export const ENDPOINT_PORT = 443;
