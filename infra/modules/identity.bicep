// The app's one user-assigned identity: storage, Key Vault references and Application Insights all use it.

@description('Name of the managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id (for the app and for Key Vault references).')
output id string = identity.id

@description('Client id (AzureWebJobsStorage__clientId: which identity DefaultAzureCredential uses).')
output clientId string = identity.properties.clientId

@description('Principal id (for role assignments).')
output principalId string = identity.properties.principalId
