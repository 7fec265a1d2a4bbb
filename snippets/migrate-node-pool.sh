#!/usr/bin/env bash
# Move an existing Ubuntu node pool to Azure Linux in place (nodes are reimaged).
# Needs Azure CLI 2.61.0+; not for Windows pools, PowerShell or the portal.
set -euo pipefail
az aks nodepool update \
  --resource-group rg-azure-linux \
  --cluster-name aks-azure-linux \
  --name ubuntupool \
  --os-sku AzureLinux
