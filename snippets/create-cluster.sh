#!/usr/bin/env bash
# A new AKS cluster whose default node pool runs Azure Linux
# (Microsoft Learn quickstart for the Azure CLI)
set -euo pipefail
RESOURCE_GROUP=rg-azure-linux
CLUSTER=aks-azure-linux

az group create --name "$RESOURCE_GROUP" --location westeurope
az aks create \
  --resource-group "$RESOURCE_GROUP" \
  --name "$CLUSTER" \
  --os-sku AzureLinux \
  --node-count 2 \
  --generate-ssh-keys
