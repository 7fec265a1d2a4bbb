#!/usr/bin/env bash
# Add an Azure Linux node pool to an existing cluster.
# Add "--mode System" to let it host system pods.
set -euo pipefail
az aks nodepool add \
  --resource-group rg-azure-linux \
  --cluster-name aks-azure-linux \
  --name azlinuxpool \
  --os-sku AzureLinux

# Check which OS each node runs (label set by AKS)
kubectl get nodes -L kubernetes.azure.com/os-sku
