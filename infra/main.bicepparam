// A dev environment. Secrets come from the environment of whoever deploys (never from this file):
//   export FAMILYAID_AUTH_SIGNING_KEY=$(openssl rand -base64 48) ... (see docs/DEPLOY.md)
using 'main.bicep'

param environmentName = 'dev'
param storageSku = 'Standard_LRS'
param maximumInstanceCount = 40
// Scale to zero when idle: a dev app may take a cold start.
param alwaysReadyHttp = 0
param softDeleteDays = 7

param authSigningKey = readEnvironmentVariable('FAMILYAID_AUTH_SIGNING_KEY')
param faceCheckCallbackSecret = readEnvironmentVariable('FAMILYAID_FACECHECK_CALLBACK_SECRET')
param paymentCodeSigningKey = readEnvironmentVariable('FAMILYAID_PAYMENTCODES_SIGNING_KEY')
param blindIndexKey = readEnvironmentVariable('FAMILYAID_PRIVACY_BLIND_INDEX_KEY')
param activeEncryptionKeyId = 'k1'
param encryptionKeys = {
  k1: readEnvironmentVariable('FAMILYAID_PRIVACY_ENCRYPTION_KEY_K1')
}
