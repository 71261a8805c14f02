import type * as k8s from "@pulumi/kubernetes";
import { CERT_MANAGER } from "../defaults";
import { COMPONENTS } from "./workloads";

/**
 * cert-manager's admission webhooks (the chart v1.19.1's): the mutating one sets the requester on
 * new CertificateRequests, the validating one checks every create and update of cert-manager's two
 * API groups (it is what validates their content: see crds.ts). Both fail closed, call the webhook
 * Service over TLS, and get their caBundle from the cainjector, which copies it from the Secret
 * where the webhook keeps the CA of its own serving certificate.
 */
export function webhookConfigurations(
  namespace: string,
  labels: Record<string, string>,
): {
  mutating: k8s.admissionregistration.v1.MutatingWebhookConfigurationArgs;
  validating: k8s.admissionregistration.v1.ValidatingWebhookConfigurationArgs;
} {
  const name = COMPONENTS.webhook.name;
  const metadata = {
    name,
    labels,
    annotations: {
      "cert-manager.io/inject-ca-from-secret": `${namespace}/${CERT_MANAGER.webhookCaSecret}`,
    },
  };
  const common = {
    name: "webhook.cert-manager.io",
    admissionReviewVersions: ["v1"],
    // Only v1 objects reach the webhook; other versions are converted first.
    matchPolicy: "Equivalent",
    timeoutSeconds: CERT_MANAGER.webhookTimeoutSeconds,
    failurePolicy: "Fail",
    sideEffects: "None",
  };
  const client = (path: string) => ({ service: { name, namespace, path } });
  return {
    mutating: {
      metadata,
      webhooks: [
        {
          ...common,
          rules: [
            {
              apiGroups: ["cert-manager.io"],
              apiVersions: ["v1"],
              operations: ["CREATE"],
              resources: ["certificaterequests"],
            },
          ],
          clientConfig: client("/mutate"),
        },
      ],
    },
    validating: {
      metadata,
      webhooks: [
        {
          ...common,
          namespaceSelector: {
            matchExpressions: [
              { key: "cert-manager.io/disable-validation", operator: "NotIn", values: ["true"] },
            ],
          },
          rules: [
            {
              apiGroups: ["cert-manager.io", "acme.cert-manager.io"],
              apiVersions: ["v1"],
              operations: ["CREATE", "UPDATE"],
              resources: ["*/*"],
            },
          ],
          clientConfig: client("/validate"),
        },
      ],
    },
  };
}
