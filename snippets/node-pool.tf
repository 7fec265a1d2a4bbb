# Terraform (azurerm): Azure Linux in the default pool and in an extra pool
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-azure-linux"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "aks-azure-linux"
  identity { type = "SystemAssigned" }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
    os_sku  = "AzureLinux"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "azlinux" {
  name                  = "azlinux"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
  os_sku                = "AzureLinux"
}
