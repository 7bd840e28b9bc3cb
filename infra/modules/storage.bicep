// The app's StorageV2 account: tables, queues, the documents container, and the container the Flex Consumption
// plan deploys the package from. Identity only (no shared key), TLS 1.2, nothing public, soft delete, versioning
// and point-in-time restore for blobs.

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Redundancy SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param sku string

@description('Days a deleted blob or container can be undeleted; point-in-time restore reaches one day less.')
@minValue(2)
@maxValue(365)
param softDeleteDays int

@description('Principal id of the app identity, which gets the data roles.')
param appPrincipalId string

@description('Container the Flex Consumption plan reads the app package from.')
param packageContainer string

@description('Prefix of the app\'s tables, queues and containers (Storage__Prefix).')
param prefix string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: sku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    accessTier: 'Hot'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    // Point-in-time restore needs versioning, the change feed and blob soft delete, and must end before soft delete does.
    isVersioningEnabled: true
    changeFeed: {
      enabled: true
    }
    restorePolicy: {
      enabled: true
      days: softDeleteDays - 1
    }
  }
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: packageContainer
  properties: {
    publicAccess: 'None'
  }
}

// The app creates its own tables, queues and containers at start-up (StorageInitializer); the documents container is
// declared here too so that it exists private from the first deployment.
resource documents 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: '${prefix}documents'
  properties: {
    publicAccess: 'None'
  }
}

// Blob Data Owner: the Functions host's own blobs (leases, keys) and the app's documents, and the user delegation
// key that signs document links. Queue and Table Data Contributor: the app's queues and tables.
var dataRoles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(dataRoles): {
  name: guid(account.id, appPrincipalId, role.value)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

@description('The account name (AzureWebJobsStorage__accountName).')
output accountName string = account.name

@description('Blob endpoint, for the deployment container\'s URL.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
