import { str } from "../../lib/props";
import { containerLabel } from "../../lib/kubernetes/describe";
import { isPinnedByDigest, parseImage } from "../../lib/kubernetes/images";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

export default podPolicy({
  name: "kubernetes-core-pod-require-image-digest",
  description:
    "Every container image must be pinned by digest (image@sha256:...). A tag is a mutable pointer: whoever controls the registry, or a compromised registry account, can change what a tag runs without any change to the stack.",
  severity: "high",
  remediation:
    "Reference each image as <repository>@sha256:<digest> (optionally keeping the tag for readers: <repository>:<tag>@sha256:<digest>), and update the digest through a reviewed change when the image is rebuilt.",
  controls: { nist: ["CM-14", "SI-7", "SR-11"] },
  concern: "supply-chain",
  check(pod, report) {
    const bad: string[] = [];
    for (const c of pod.containers) {
      const image = str(c.props.image);
      if (image === undefined) {
        continue;
      }
      const ref = parseImage(image);
      if (!ref || !isPinnedByDigest(ref)) {
        bad.push(`${containerLabel(c)} (${image})`);
      }
    }
    if (bad.length > 0) {
      report(`images are not pinned by digest: ${bad.join(", ")}`);
    }
  },
});
