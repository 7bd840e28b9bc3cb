// Key Vault (RBAC, soft delete, purge protection) with the app's keys as secrets; the app reads them through
// Key Vault references in its app settings, with its managed identity (Key Vault Secrets User).

@description('Key Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Principal id of the app identity, which may read secrets.')
param readerPrincipalId string

@description('Secret name to value. Names are Key Vault secret names (letters, digits, dashes).')
@secure()
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for entry in items(secrets): {
  parent: vault
  name: entry.key
  properties: {
    value: entry.value
    contentType: 'text/plain'
  }
}]

// Key Vault Secrets User: read secret values, nothing else.
var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('The vault URI, e.g. https://name.vault.azure.net/.')
output uri string = vault.properties.vaultUri
