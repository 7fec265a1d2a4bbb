/**
 * Every figure the charts draw. Each entry names its source key (data/sources.ts),
 * whose note says exactly what was counted or quoted. Never add an estimate here.
 */
import type { DeckData } from './schema'

export const figures: DeckData = {
  // Counted from the newest AKS node-image release notes reachable: image 202607.09.0 (9 July 2026).
  // Azure Linux 2.0 has no such image (frozen at 202512.06.0, removed from AKS): it is not a bar.
  // The counts at the article's date (202505.27.0: 379, 517, 716, 744) are in that source's note.
  imagePackages: [
    { os: 'Azure Linux 3.0', packages: 395, kernel: '6.6.143.1-1.azl3', containerd: '2.2.4', file: 'vhd-notes/AzureLinuxv3/202607.09.0.txt', source: 'aks-vhd-notes-202607' },
    { os: 'Ubuntu 22.04', packages: 726, kernel: '5.15.0-1116-azure', containerd: '1.7.33', file: 'vhd-notes/aks-ubuntu/AKSUbuntu-2204/202607.09.0.txt', source: 'aks-vhd-notes-202607' },
    { os: 'Ubuntu 24.04', packages: 756, kernel: '6.8.0-1059-azure', containerd: '2.3.2', file: 'vhd-notes/aks-ubuntu/AKSUbuntu-2404/202607.09.0.txt', source: 'aks-vhd-notes-202607' },
  ],
  // Microsoft's own words, shown as quotes beside the chart, never as bars.
  packageClaims: [
    { text: 'May 2025: "only 500 packages"', source: 'learn-intro-2025' },
    { text: 'Apr 2026: "roughly 400 packages"', source: 'learn-overview-2026' },
    // Not a count: the preview publishes none yet, so it may narrow the gap by an unknown amount.
    { text: 'Sept 2026: Ubuntu 26.04 preview, "package reduction"', source: 'aks-ubuntu-retirements' },
  ],
  // "The distro is big, the host is small": .spec files on branch 3.0 at the article's date (commit 3d045262).
  distroParts: [
    { label: 'SPECS/', value: 1524, approximate: false, source: 'azurelinux-repo' },
    { label: 'SPECS-EXTENDED/', value: 1519, approximate: false, source: 'azurelinux-repo' },
  ],
  // The node at the article's date too, so both bars describe May 2025.
  hostPackages: { label: 'Installed on the AKS node (Azure Linux 3.0, 202505.27.0)', value: 379, approximate: false, source: 'aks-vhd-notes-202505' },
  // Columns: Azure Linux, Ubuntu, Windows Server node pools on AKS.
  securityMatrix: [
    {
      feature: 'Mandatory access control',
      cells: [
        { status: 'yes', text: 'AppArmor since Nov 2025', source: 'learn-secure-container-access' },
        { status: 'yes', text: 'AppArmor, on by default', source: 'learn-secure-container-access' },
        { status: 'not-applicable', text: 'Not applicable' },
      ],
    },
    {
      // Fail counts, not totals: each OS is scanned against its own benchmark.
      // Only the Ubuntu page has a Level column; the other two get the same caveat.
      feature: 'CIS benchmark',
      cells: [
        { status: 'yes', text: '1 fail, 135 pass; no levels; image of Jul 2025', source: 'learn-cis-azure-linux' },
        { status: 'partial', text: 'Level 1: 7 fail (24.04), 14 (22.04)', source: 'learn-cis-ubuntu' },
        { status: 'partial', text: '61 fail, 157 pass; no levels; Server 2022', source: 'learn-cis-windows' },
      ],
    },
    {
      feature: 'FIPS node image',
      cells: [
        { status: 'yes', text: 'Azure Linux 3.0', source: 'learn-enable-fips' },
        { status: 'partial', text: '20.04, 22.04; not 24.04', source: 'learn-enable-fips' },
        { status: 'yes', text: 'On by default', source: 'learn-enable-fips' },
      ],
    },
    {
      // Like for like: on AKS both Linux OSes are patched through the same node OS
      // upgrade channels (NodeImage is the default). Azure Linux's "monthly" is the
      // distribution's package cadence, not an AKS difference, so it is no row here.
      feature: 'Patches on AKS',
      cells: [
        { status: 'yes', text: 'Weekly image; or daily dnf-automatic', source: 'learn-auto-upgrade-node-os' },
        { status: 'yes', text: 'Weekly image; or daily unattended-upgrade', source: 'learn-auto-upgrade-node-os' },
        { status: 'yes', text: 'Monthly image, second Tuesday', source: 'learn-aks-vulnerability' },
      ],
    },
    {
      feature: 'In-place migration',
      cells: [
        { status: 'yes', text: 'To Ubuntu or Azure Container Linux', source: 'learn-migrate-acl' },
        { status: 'yes', text: 'To Azure Linux or Azure Container Linux', source: 'learn-migrate-acl' },
        { status: 'no', text: 'Not supported', source: 'learn-migrate-acl' },
      ],
    },
  ],
  timeline: [
    { date: '2024-10-25', lane: 'Azure Linux 3.0', label: 'Preview', kubernetes: '1.31', source: 'aks-changelog' },
    { date: '2025-04-06', lane: 'Azure Linux 3.0', label: 'GA, default', kubernetes: '1.32', source: 'aks-changelog' },
    { date: '2025-05-26', lane: 'Article', label: 'Article published', source: 'article' },
    // The OS SKU that pins 3.0 went GA on older Kubernetes versions too (release 2025-08-29).
    { date: '2025-08-29', lane: 'Azure Linux 3.0', label: 'AzureLinux3 GA', kubernetes: '1.28–1.36', source: 'aks-changelog' },
    // The distribution's own end of life has no Learn page (a maintainer said June 2025,
    // the Azure CLI team July 2025): the notes say so; the chart keeps the AKS dates.
    { date: '2025-11-30', lane: 'Azure Linux 2.0', label: 'Retired on AKS', kubernetes: 'last: 1.31', source: 'aks-issue-4988' },
    { date: '2026-03-31', lane: 'Azure Linux 2.0', label: 'Images removed', source: 'aks-changelog' },
    // Azure Linux 4.0 is a preview for VMs and scale sets, not for AKS: it has no place here.
    { date: '2026-05-29', lane: 'Azure Container Linux', label: 'GA on AKS', kubernetes: '1.34+', source: 'aks-changelog' },
  ],
}
