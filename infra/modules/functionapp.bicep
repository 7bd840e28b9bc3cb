// The Function App: Linux, Flex Consumption (FC1), runtime "custom" (the self-contained FamilyAid.Functions
// executable that host.json names), always-ready HTTP instances, everything by the user-assigned identity.

@description('Function App name (also its host name: <name>.azurewebsites.net).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Storage account name (AzureWebJobsStorage by identity).')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Container the plan reads the package from.')
param packageContainer string

@description('Key Vault URI, for the Key Vault references.')
param vaultUri string

@description('APPLICATIONINSIGHTS_CONNECTION_STRING.')
param insightsConnection string

@description('Instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm for HTTP (0: scale to zero when idle, with a cold start on the first request).')
@minValue(0)
param alwaysReadyHttp int

@description('Concurrent HTTP requests per instance before the plan adds one.')
@minValue(1)
@maxValue(1000)
param httpConcurrency int

@description('Storage__Prefix.')
param prefix string

@description('Auth__Authority: the OpenID authority that signs tokens (empty: HS256 with the Key Vault signing key).')
param authAuthority string

@description('Auth__Issuer and Auth__Audience.')
param authIssuer string

@description('Auth__Audience.')
param authAudience string

@description('Privacy__ActiveKeyId: the encryption key that seals new data.')
param activeKeyId string

@description('Ids of every encryption key kept (the active one among them); each is the secret privacy-encryption-key-<id>.')
param encryptionKeyIds array

@description('Which optional rotation secrets exist in the vault (auth-previous-signing-keys, facecheck-previous-callback-secrets, privacy-previous-blind-index-keys).')
param previousSecrets array

@description('Bindings__Holidays: comma-separated yyyy-MM-dd public holidays.')
param holidays string

@description('Bindings__WorkingWeekends: comma-separated make-up working days.')
param workingWeekends string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

func kvRef(vaultUri string, secret string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secret})'

var encryptionKeySettings = toObject(encryptionKeyIds, id => 'Privacy__EncryptionKeys__${id}', id => kvRef(vaultUri, 'privacy-encryption-key-${id}'))

var previousSettingNames = {
  'auth-previous-signing-keys': 'Auth__PreviousSigningKeys'
  'facecheck-previous-callback-secrets': 'FaceCheck__PreviousCallbackSecrets'
  'privacy-previous-blind-index-keys': 'Privacy__PreviousBlindIndexKeys'
}

var previousKeySettings = toObject(previousSecrets, s => previousSettingNames[s], s => kvRef(vaultUri, s))

// Every app setting the code reads without a default is here (InfraSettingsTests checks it).
// BEGIN appSettings
var appSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnection
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Storage__Prefix: prefix
  Auth__Authority: authAuthority
  Auth__SigningKey: kvRef(vaultUri, 'auth-signing-key')
  Auth__Issuer: authIssuer
  Auth__Audience: authAudience
  FaceCheck__CallbackSecret: kvRef(vaultUri, 'facecheck-callback-secret')
  PaymentCodes__SigningKey: kvRef(vaultUri, 'paymentcodes-signing-key')
  Privacy__ActiveKeyId: activeKeyId
  Privacy__BlindIndexKey: kvRef(vaultUri, 'privacy-blind-index-key')
  Bindings__Holidays: holidays
  Bindings__WorkingWeekends: workingWeekends
  // The host forwards HTTP requests from loopback: only it may name the client's address.
  ForwardedHeaders__KnownProxies: '127.0.0.1'
  Triggers__Local: 'false'
}
// END appSettings

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${packageContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttp > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttp
          }
        ] : []
        triggers: {
          http: {
            perInstanceConcurrency: httpConcurrency
          }
        }
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, encryptionKeySettings, previousKeySettings)
}

@description('The app\'s base URL.')
output url string = 'https://${app.properties.defaultHostName}'
