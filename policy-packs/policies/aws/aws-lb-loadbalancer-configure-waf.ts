import { stackPolicy } from "../../lib/define";
import { bool } from "../../lib/props";
import { forEachKnown, joinReferences, ofTypes, tryRead } from "../../lib/stack";
import { LOAD_BALANCER_TYPES, isApplication } from "../../lib/aws/lb";

export default stackPolicy({
  name: "aws-lb-loadbalancer-configure-waf",
  description:
    "Internet-facing application load balancers should be associated with an AWS WAF web ACL. The web ACL filters known exploit patterns, rate-limits login endpoints and blocks abusive clients before they reach Keycloak or the application.",
  severity: "low",
  remediation:
    "Create an aws.wafv2.WebAcl (REGIONAL scope, AWS managed rule groups such as AWSManagedRulesCommonRuleSet and a rate-based rule) and an aws.wafv2.WebAclAssociation with resourceArn: loadBalancer.arn.",
  controls: { nist: ["SC-7", "SI-4", "SC-5"] },
  concern: "network-exposure",
  resourceTypes: LOAD_BALANCER_TYPES,
  check(resources, report) {
    const publicAlbs = ofTypes(resources, LOAD_BALANCER_TYPES).filter(
      (lb) => tryRead(() => isApplication(lb.props) && bool(lb.props.internal) !== true) === true,
    );
    const joined = joinReferences(
      publicAlbs,
      ofTypes(resources, ["aws:wafv2/webAclAssociation:WebAclAssociation"]),
      {
        sourceProp: "resourceArn",
        targetKeys: ["arn", "id"],
      },
    );
    forEachKnown([...joined], ([lb, join]) => {
      if (join.related.length === 0 && !join.uncertain) {
        report(
          `Internet-facing load balancer "${lb.name}" has no WAF web ACL association. Associate a web ACL.`,
          lb.urn,
        );
      }
    });
  },
});
