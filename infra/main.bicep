// FamilyAid in one resource group: a Linux Function App on the Flex Consumption plan running the custom handler,
// its storage account, Key Vault, Application Insights on Log Analytics, and one user-assigned identity.
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam (see docs/DEPLOY.md).
targetScope = 'resourceGroup'

@description('Environment name: dev, test, prod. Part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region (must offer Flex Consumption: az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Short product name, part of every resource name.')
@minLength(2)
@maxLength(8)
param appName string = 'famaid'

@description('Instance memory in MB (512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('HTTP instances kept warm (always ready); 0 lets an idle app scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttp int = 1

@description('Concurrent HTTP requests per instance before the plan adds one.')
@minValue(1)
@maxValue(1000)
param httpConcurrency int = 16

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days deleted blobs and containers stay restorable.')
@minValue(2)
@maxValue(365)
param softDeleteDays int = 14

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Storage__Prefix: before every table, queue and container name (empty by default).')
param storagePrefix string = ''

@description('Auth__Authority: the OpenID authority whose keys sign tokens; empty uses the HS256 key below.')
param authAuthority string = ''

@description('Auth__Issuer.')
param authIssuer string = 'familyaid'

@description('Auth__Audience.')
param authAudience string = 'familyaid'

@description('HS256 token signing key (Auth__SigningKey), at least 32 bytes.')
@secure()
param authSigningKey string

@description('HMAC secret of face-check callbacks (FaceCheck__CallbackSecret), at least 16 characters.')
@secure()
param faceCheckCallbackSecret string

@description('Payment-code HMAC key (PaymentCodes__SigningKey), 32 bytes base64.')
@secure()
param paymentCodeSigningKey string

@description('Privacy__ActiveKeyId: the id of the encryption key that seals new data.')
param activeEncryptionKeyId string = 'k1'

@description('Encryption keys by id (Privacy__EncryptionKeys__<id>), 32 bytes base64 each; keep retired ids until no row names them.')
@secure()
param encryptionKeys object

@description('Blind-index HMAC key (Privacy__BlindIndexKey), 32 bytes base64.')
@secure()
param blindIndexKey string

@description('Retired signing keys still accepted (Auth__PreviousSigningKeys), comma-separated; empty when not rotating.')
@secure()
param previousSigningKeys string = ''

@description('Retired callback secrets still accepted (FaceCheck__PreviousCallbackSecrets), comma-separated; empty when not rotating.')
@secure()
param previousCallbackSecrets string = ''

@description('Retired blind-index keys still searched (Privacy__PreviousBlindIndexKeys), comma-separated; empty when not rotating.')
@secure()
param previousBlindIndexKeys string = ''

@description('Bindings__Holidays: comma-separated yyyy-MM-dd public holidays.')
param holidays string = ''

@description('Bindings__WorkingWeekends: comma-separated make-up working days (调休).')
param workingWeekends string = ''

@description('Tags for every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id, appName, environmentName)
var baseName = '${appName}-${environmentName}'
var packageContainer = 'app-package'
var allTags = union(tags, {
  app: appName
  environment: environmentName
})

var previous = {
  'auth-previous-signing-keys': previousSigningKeys
  'facecheck-previous-callback-secrets': previousCallbackSecrets
  'privacy-previous-blind-index-keys': previousBlindIndexKeys
}
var previousPresent = filter(items(previous), p => !empty(p.value))

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${baseName}-id'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: baseName
    location: location
    tags: allTags
    retentionDays: logRetentionDays
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${appName}${environmentName}${suffix}', 24)
    location: location
    tags: allTags
    sku: storageSku
    softDeleteDays: softDeleteDays
    appPrincipalId: identity.outputs.principalId
    packageContainer: packageContainer
    prefix: storagePrefix
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('${appName}-${environmentName}-${suffix}', 24)
    location: location
    tags: allTags
    readerPrincipalId: identity.outputs.principalId
    secrets: union(
      {
        'auth-signing-key': authSigningKey
        'facecheck-callback-secret': faceCheckCallbackSecret
        'paymentcodes-signing-key': paymentCodeSigningKey
        'privacy-blind-index-key': blindIndexKey
      },
      toObject(items(encryptionKeys), k => 'privacy-encryption-key-${k.key}', k => k.value),
      toObject(previousPresent, p => p.key, p => p.value)
    )
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: '${baseName}-${take(suffix, 6)}'
    location: location
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.accountName
    blobEndpoint: storage.outputs.blobEndpoint
    packageContainer: packageContainer
    vaultUri: vault.outputs.uri
    insightsConnection: monitoring.outputs.insightsConnection
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttp: alwaysReadyHttp
    httpConcurrency: httpConcurrency
    prefix: storagePrefix
    authAuthority: authAuthority
    authIssuer: authIssuer
    authAudience: authAudience
    activeKeyId: activeEncryptionKeyId
    encryptionKeyIds: map(items(encryptionKeys), k => k.key)
    previousSecrets: map(previousPresent, p => p.key)
    holidays: holidays
    workingWeekends: workingWeekends
  }
}

@description('The app\'s base URL; the API is under /api.')
output appUrl string = functionApp.outputs.url

@description('The API\'s base URL.')
output apiUrl string = '${functionApp.outputs.url}/api'

@description('The Function App name (for zip deploy).')
output functionAppName string = '${baseName}-${take(suffix, 6)}'
