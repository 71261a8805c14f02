import { arr, rec, str } from "../../lib/props";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Volume sources the restricted policy allows. */
const ALLOWED = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "image",
  "persistentVolumeClaim",
  "projected",
  "secret",
] as const;

/** Volume sources the restricted policy names as forbidden, in the order it reports them. */
const RESTRICTED = [
  "hostPath",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "nfs",
  "iscsi",
  "glusterfs",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "fc",
  "azureFile",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "portworxVolume",
  "photonPersistentDisk",
  "scaleIO",
  "storageos",
] as const;

const present = (v: Readonly<Record<string, unknown>>, key: string) =>
  v[key] !== undefined && v[key] !== null;

/** Pod Security Standards, restricted "Volume Types". */
export default podPolicy({
  name: "kubernetes-core-pod-restrict-volume-types",
  description:
    "Pods may use only the volume types of the restricted policy: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. Inline network and host volumes (hostPath, nfs, iscsi, rbd, cloud disks, flexVolume, gitRepo and others) bypass storage classes and their access controls, or run node-level plugins with workload input.",
  severity: "medium",
  remediation:
    "Replace every other inline volume with a persistentVolumeClaim bound to a StorageClass (or a csi, configMap, secret, projected, emptyDir or ephemeral volume).",
  controls: { nist: ["AC-6", "CM-7"] },
  concern: "workload-security",
  check(pod, report) {
    const bad: string[] = [];
    arr(pod.spec.volumes).forEach((v, i) => {
      const volume = rec(v);
      if (ALLOWED.some((k) => present(volume, k))) {
        return;
      }
      const type = RESTRICTED.find((k) => present(volume, k));
      // A patch names only what it changes; a volume entry there without a source is not judged.
      if (type === undefined && pod.patch) {
        return;
      }
      bad.push(`"${str(volume.name) ?? `volumes[${i}]`}" (${type ?? "unknown"})`);
    });
    if (bad.length > 0) {
      report(`volumes use types outside the restricted set: ${bad.join(", ")}`);
    }
  },
});
