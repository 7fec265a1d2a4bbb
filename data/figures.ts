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
    { text: 'May 2025: "only 500 packages", "least disk space by up to 5 GB"', source: 'learn-intro-2025' },
    { text: 'Apr 2026: "roughly 400 packages", "by up to five GB"', source: 'learn-overview-2026' },
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
        { status: 'yes', text: 'AppArmor from the 7 Nov 2025 image; before it, SELinux only', source: 'learn-secure-container-access' },
        { status: 'yes', text: 'AppArmor, enabled by default', source: 'learn-secure-container-access' },
        { status: 'not-applicable', text: 'Linux feature, not applicable' },
      ],
    },
    {
      feature: 'CIS Level 1 benchmark',
      cells: [
        { status: 'yes', text: 'Aug 2025 table: 1 fail (ASLR default), 135 pass', source: 'learn-cis-azure-linux' },
        { status: 'partial', text: 'Feb 2026 tables: 22.04: 14 fail · 24.04: 7 fail', source: 'learn-cis-ubuntu' },
        { status: 'not-documented', text: 'Not compared in our sources' },
      ],
    },
    {
      feature: 'FIPS node image',
      cells: [
        { status: 'yes', text: 'Supported for Azure Linux 3.0', source: 'learn-enable-fips' },
        { status: 'partial', text: '20.04 and 22.04; not yet 24.04', source: 'learn-enable-fips' },
        { status: 'yes', text: 'On by default (Server 2022, 2025)', source: 'learn-enable-fips' },
      ],
    },
    {
      feature: 'New node images',
      cells: [
        { status: 'yes', text: 'Weekly (Linux)', source: 'learn-node-images' },
        { status: 'yes', text: 'Weekly (Linux)', source: 'learn-node-images' },
        { status: 'yes', text: 'Monthly', source: 'learn-node-images' },
      ],
    },
    {
      feature: 'Patch cadence',
      cells: [
        { status: 'yes', text: 'Security monthly, critical within days; kernel at least twice a month', source: 'learn-concepts-packages' },
        { status: 'not-documented', text: 'Not stated in our sources beyond weekly images' },
        { status: 'yes', text: 'Second Tuesday of every month', source: 'learn-aks-vulnerability' },
      ],
    },
    {
      feature: 'Can host system pools',
      cells: [
        { status: 'yes', text: 'Yes', source: 'learn-system-pools' },
        { status: 'yes', text: 'Yes', source: 'learn-system-pools' },
        { status: 'no', text: 'No: system pools must be Linux', source: 'learn-system-pools' },
      ],
    },
    {
      feature: 'In-place OS SKU migration',
      cells: [
        { status: 'yes', text: 'Target of the migration (CLI 2.61.0+)', source: 'learn-migration' },
        { status: 'yes', text: 'Pools can move to Azure Linux', source: 'learn-migration' },
        { status: 'no', text: 'Not supported for Windows pools', source: 'learn-migration' },
      ],
    },
  ],
  timeline: [
    { date: '2024-10-25', lane: 'Azure Linux 3.0', label: 'Preview', kubernetes: '1.31', source: 'aks-changelog' },
    { date: '2025-04-06', lane: 'Azure Linux 3.0', label: 'GA, default', kubernetes: '1.32', source: 'aks-changelog' },
    { date: '2025-05-26', lane: 'Article', label: 'Article published', source: 'article' },
    { date: '2025-07', lane: 'Azure Linux 2.0', label: 'Distro end of life', source: 'azure-cli-pr-31533' },
    { date: '2025-11-30', lane: 'Azure Linux 2.0', label: 'Retired on AKS', kubernetes: 'last: 1.31', source: 'aks-issue-4988' },
    { date: '2026-03-31', lane: 'Azure Linux 2.0', label: 'Images removed', source: 'aks-changelog' },
    // Azure Linux 4.0 is a preview for VMs and scale sets, not for AKS: it has no place here.
    { date: '2026-05-29', lane: 'Azure Container Linux', label: 'GA on AKS', kubernetes: '1.34+', source: 'aks-changelog' },
  ],
}
