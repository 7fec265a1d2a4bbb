#!/usr/bin/env bash
# New AKS cluster whose default node pool runs Azure Linux.
# Source: Microsoft Learn, "Quickstart: Deploy an Azure Linux Container Host for AKS cluster by using the Azure CLI".
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
