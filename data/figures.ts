/**
 * Every figure the charts draw. Each entry names its source key (data/sources.ts),
 * whose note says exactly what was counted or quoted. Never add an estimate here.
 */
import type { DeckData } from './schema'

export const figures: DeckData = {
  // Counted from the AKS node-image release notes of 27 May 2025 (release 202505.27.0).
  imagePackages: [
    { os: 'Azure Linux 3.0', packages: 379, kernel: '6.6.85.1-2.azl3', containerd: '2.0.0', file: 'vhd-notes/AzureLinuxv3/202505.27.0.txt', source: 'aks-vhd-notes-202505' },
    { os: 'Azure Linux 2.0', packages: 517, kernel: '5.15.180.1-1.cm2', containerd: '1.6.26', file: 'vhd-notes/AzureLinux/202505.27.0.txt', source: 'aks-vhd-notes-202505' },
    { os: 'Ubuntu 22.04', packages: 716, kernel: '5.15.0-1089-azure', containerd: '1.7.27', file: 'vhd-notes/aks-ubuntu/AKSUbuntu-2204/202505.27.0.txt', source: 'aks-vhd-notes-202505' },
    { os: 'Ubuntu 24.04', packages: 744, kernel: '6.8.0-1029-azure', containerd: '2.0.4', file: 'vhd-notes/aks-ubuntu/AKSUbuntu-2404/202505.27.0.txt', source: 'aks-vhd-notes-202505' },
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
      feature: 'CIS benchmark',
      cells: [
        { status: 'yes', text: 'Level 1: 1 fail', source: 'learn-cis-azure-linux' },
        { status: 'partial', text: 'Level 1: 7 fail (24.04), 14 (22.04)', source: 'learn-cis-ubuntu' },
        { status: 'partial', text: '61 fail, 157 pass; no levels', source: 'learn-cis-windows' },
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
      feature: 'New node images',
      cells: [
        { status: 'yes', text: 'Weekly', source: 'learn-node-images' },
        { status: 'yes', text: 'Weekly', source: 'learn-node-images' },
        { status: 'yes', text: 'Monthly', source: 'learn-node-images' },
      ],
    },
    {
      feature: 'Patch cadence',
      cells: [
        { status: 'yes', text: 'Monthly; critical within days', source: 'learn-concepts-packages' },
        { status: 'not-documented', text: 'Not stated' },
        { status: 'yes', text: 'Second Tuesday, monthly', source: 'learn-aks-vulnerability' },
      ],
    },
    {
      feature: 'In-place migration',
      cells: [
        { status: 'yes', text: 'The target', source: 'learn-migration' },
        { status: 'yes', text: 'To Azure Linux', source: 'learn-migration' },
        { status: 'no', text: 'Not supported', source: 'learn-migration' },
      ],
    },
  ],
  timeline: [
    { date: '2024-10-25', lane: 'Azure Linux 3.0', label: 'Preview', kubernetes: '1.31', source: 'aks-changelog' },
    { date: '2025-04-06', lane: 'Azure Linux 3.0', label: 'GA, default', kubernetes: '1.32', source: 'aks-changelog' },
    { date: '2025-05-26', lane: 'Article', label: 'Article published', source: 'article' },
    // The distribution's own end of life (July 2025) rests on secondary sources only
    // (sources.ts: azure-cli-pr-31533): the notes say so; the chart keeps the AKS dates.
    { date: '2025-11-30', lane: 'Azure Linux 2.0', label: 'Retired on AKS', kubernetes: 'last: 1.31', source: 'aks-issue-4988' },
    { date: '2026-03-31', lane: 'Azure Linux 2.0', label: 'Images removed', source: 'aks-changelog' },
    // Azure Linux 4.0 is a preview for VMs and scale sets, not for AKS: it has no place here.
    { date: '2026-05-29', lane: 'Azure Container Linux', label: 'GA on AKS', kubernetes: '1.34+', source: 'aks-changelog' },
  ],
}
