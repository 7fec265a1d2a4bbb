// Bicep: an AKS cluster whose system pool runs Azure Linux
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-azure-linux'
  location: resourceGroup().location
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-azure-linux'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 2
        vmSize: 'Standard_D4s_v5'
        osType: 'Linux'
        osSKU: 'AzureLinux'
      }
    ]
  }
}
