import { describe, expect, it } from "vitest";
import plainHttp from "../../../policy-packs/policies/aws/aws-lb-listener-disallow-plain-http";
import modernTls from "../../../policy-packs/policies/aws/aws-lb-listener-configure-modern-tls";
import dropHeaders from "../../../policy-packs/policies/aws/aws-lb-loadbalancer-enable-drop-invalid-headers";
import lbDeletion from "../../../policy-packs/policies/aws/aws-lb-loadbalancer-enable-deletion-protection";
import accessLogs from "../../../policy-packs/policies/aws/aws-lb-loadbalancer-enable-access-logs";
import waf from "../../../policy-packs/policies/aws/aws-lb-loadbalancer-configure-waf";
import immutableTags from "../../../policy-packs/policies/aws/aws-ecr-repository-disallow-mutable-tags";
import scanOnPush from "../../../policy-packs/policies/aws/aws-ecr-repository-enable-scan-on-push";
import ecrCmk from "../../../policy-packs/policies/aws/aws-ecr-repository-configure-cmk";
import { urnOf, type StackResourceInput } from "../../helpers/policy";
import { KEY_ARN, stackViolationsOf, violationsOf, withValue } from "../../helpers/aws-policies";

const LISTENER = "aws:lb/listener:Listener";
const ALB_LISTENER = "aws:alb/listener:Listener";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const REPO = "aws:ecr/repository:Repository";

const httpsListener = {
  loadBalancerArn: "arn:lb",
  port: 443,
  protocol: "HTTPS",
  certificateArn: "arn:cert",
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
  defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
};
const redirectListener = {
  loadBalancerArn: "arn:lb",
  port: 80,
  protocol: "HTTP",
  defaultActions: [
    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
  ],
};
const alb = {
  name: "ingress",
  loadBalancerType: "application",
  internal: false,
  dropInvalidHeaderFields: true,
  enableDeletionProtection: true,
  accessLogs: { bucket: "tenant-a-logs", prefix: "alb", enabled: true },
};

describe("aws-lb-listener-disallow-plain-http", () => {
  it("passes HTTPS, redirects to HTTPS, TCP and gateway listeners", () => {
    expect(violationsOf(plainHttp, LISTENER, httpsListener)).toEqual([]);
    expect(violationsOf(plainHttp, ALB_LISTENER, redirectListener)).toEqual([]);
    expect(
      violationsOf(plainHttp, LISTENER, {
        loadBalancerArn: "arn:nlb",
        port: 443,
        protocol: "TCP",
        defaultActions: [{ type: "forward" }],
      }),
    ).toEqual([]);
    expect(
      violationsOf(plainHttp, LISTENER, {
        loadBalancerArn: "arn:gwlb",
        defaultActions: [{ type: "forward" }],
      }),
    ).toEqual([]);
  });
  it("flags HTTP that forwards, and the HTTP default", () => {
    const forward = withValue(redirectListener, "defaultActions", [
      { type: "forward", targetGroupArn: "arn:tg" },
    ]);
    expect(violationsOf(plainHttp, LISTENER, forward)).toEqual([
      "The listener speaks plain HTTP and does not only redirect to HTTPS (default actions: forward). Redirect to HTTPS and serve from an HTTPS listener.",
    ]);
    expect(violationsOf(plainHttp, LISTENER, withValue(forward, "protocol", undefined))).toEqual([
      "The listener speaks plain HTTP (protocol is not set) and does not only redirect to HTTPS (default actions: forward). Redirect to HTTPS and serve from an HTTPS listener.",
    ]);
  });
  it("flags a redirect that keeps HTTP", () => {
    const keep = withValue(redirectListener, "defaultActions.0.redirect.protocol", "#{protocol}");
    expect(violationsOf(plainHttp, LISTENER, keep)).toEqual([
      "The listener speaks plain HTTP and does not only redirect to HTTPS. Redirect to HTTPS and serve from an HTTPS listener.",
    ]);
  });
});

describe("aws-lb-listener-configure-modern-tls", () => {
  it("passes TLS 1.2+ policies and non-TLS listeners", () => {
    expect(violationsOf(modernTls, LISTENER, httpsListener)).toEqual([]);
    expect(
      violationsOf(modernTls, LISTENER, {
        ...httpsListener,
        protocol: "TLS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
      }),
    ).toEqual([]);
    expect(violationsOf(modernTls, LISTENER, redirectListener)).toEqual([]);
  });
  it("flags the provider default and legacy policies", () => {
    expect(
      violationsOf(modernTls, LISTENER, withValue(httpsListener, "sslPolicy", undefined)),
    ).toEqual([
      "sslPolicy is not set, so the HTTPS listener uses ELBSecurityPolicy-2016-08 (TLS 1.0+). Set a TLS 1.2+ policy.",
    ]);
    expect(
      violationsOf(
        modernTls,
        ALB_LISTENER,
        withValue(httpsListener, "sslPolicy", "ELBSecurityPolicy-TLS13-1-1-2021-06"),
      ),
    ).toEqual([
      'sslPolicy "ELBSecurityPolicy-TLS13-1-1-2021-06" accepts protocols older than TLS 1.2. Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.',
    ]);
  });
  it("requires TLS 1.3 only when configured", () => {
    expect(violationsOf(modernTls, LISTENER, httpsListener, { minimumTlsVersion: "1.3" })).toEqual([
      'sslPolicy "ELBSecurityPolicy-TLS13-1-2-2021-06" accepts protocols older than TLS 1.3. Use a TLS 1.3+ policy such as ELBSecurityPolicy-TLS13-1-3-2021-06.',
    ]);
  });
});

describe("load balancer attributes", () => {
  it("pass a hardened application load balancer", () => {
    for (const policy of [dropHeaders, lbDeletion, accessLogs]) {
      expect(violationsOf(policy, LB, alb)).toEqual([]);
    }
  });
  it("aws-lb-loadbalancer-enable-drop-invalid-headers flags ALBs only", () => {
    expect(
      violationsOf(dropHeaders, LB, withValue(alb, "dropInvalidHeaderFields", undefined)),
    ).toEqual([
      "dropInvalidHeaderFields is not true: malformed headers reach the targets. Set it to true.",
    ]);
    expect(violationsOf(dropHeaders, LB, { loadBalancerType: "network" })).toEqual([]);
  });
  it("aws-lb-loadbalancer-enable-deletion-protection flags every type", () => {
    expect(
      violationsOf(lbDeletion, "aws:alb/loadBalancer:LoadBalancer", {
        loadBalancerType: "network",
      }),
    ).toEqual(["enableDeletionProtection is not true. Turn deletion protection on."]);
  });
  it("aws-lb-loadbalancer-enable-access-logs flags disabled logs", () => {
    expect(violationsOf(accessLogs, LB, withValue(alb, "accessLogs.enabled", false))).toEqual([
      "accessLogs is not enabled with a bucket. Enable access logs to S3.",
    ]);
  });
});

describe("aws-lb-loadbalancer-configure-waf", () => {
  const stack = (): StackResourceInput[] => [
    {
      type: LB,
      name: "public",
      props: {
        ...alb,
        arn: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/ingress/abc",
      },
    },
    { type: LB, name: "internal", props: { ...alb, internal: true } },
    { type: LB, name: "nlb", props: { loadBalancerType: "network" } },
    {
      type: "aws:wafv2/webAclAssociation:WebAclAssociation",
      name: "public-waf",
      props: {
        resourceArn: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/ingress/abc",
        webAclArn: "arn:acl",
      },
    },
  ];
  it("passes an internet-facing ALB with a web ACL", () => {
    expect(stackViolationsOf(waf, stack())).toEqual([]);
  });
  it("flags an internet-facing ALB without one", () => {
    expect(
      stackViolationsOf(
        waf,
        stack().filter((r) => r.name !== "public-waf"),
      ),
    ).toEqual([
      {
        message:
          'Internet-facing load balancer "public" has no WAF web ACL association. Associate a web ACL.',
        urn: urnOf(LB, "public"),
      },
    ]);
  });
});

const repository = {
  name: "diffgram",
  imageTagMutability: "IMMUTABLE",
  imageScanningConfiguration: { scanOnPush: true },
  encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }],
};

describe("ECR repositories", () => {
  it("pass when immutable, scanned and under a customer key", () => {
    for (const policy of [immutableTags, scanOnPush, ecrCmk]) {
      expect(violationsOf(policy, REPO, repository)).toEqual([]);
    }
  });
  it("aws-ecr-repository-disallow-mutable-tags flags mutable tags and exclusions", () => {
    expect(
      violationsOf(immutableTags, REPO, withValue(repository, "imageTagMutability", undefined)),
    ).toEqual([
      'imageTagMutability is "MUTABLE": pushed tags can be overwritten. Set it to "IMMUTABLE".',
    ]);
    const excluded = {
      ...repository,
      imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
      imageTagMutabilityExclusionFilters: [{ filter: "latest", filterType: "WILDCARD" }],
    };
    expect(violationsOf(immutableTags, REPO, excluded)).toEqual([
      'imageTagMutability is "IMMUTABLE_WITH_EXCLUSION" (1 exclusion filter(s)): pushed tags can be overwritten. Set it to "IMMUTABLE".',
    ]);
    expect(violationsOf(immutableTags, REPO, excluded, { allowExclusionFilters: true })).toEqual(
      [],
    );
  });
  it("aws-ecr-repository-enable-scan-on-push flags unscanned pushes", () => {
    expect(
      violationsOf(
        scanOnPush,
        REPO,
        withValue(repository, "imageScanningConfiguration", undefined),
      ),
    ).toEqual([
      "imageScanningConfiguration.scanOnPush is not true: pushed images are not scanned. Set it to true.",
    ]);
  });
  it("aws-ecr-repository-configure-cmk flags AES256 and the AWS-managed key", () => {
    expect(
      violationsOf(ecrCmk, REPO, withValue(repository, "encryptionConfigurations", undefined)),
    ).toEqual([
      'encryptionConfigurations[0].encryptionType is "AES256", not KMS. Use KMS with a customer-managed key.',
    ]);
    expect(
      violationsOf(
        ecrCmk,
        REPO,
        withValue(repository, "encryptionConfigurations", [{ encryptionType: "KMS" }]),
      ),
    ).toEqual([
      "encryptionConfigurations[0].kmsKey is not set, so the AWS-managed key is used. Name a customer-managed key.",
    ]);
  });
});
