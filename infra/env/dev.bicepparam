// A development environment: cheaper storage, few instances, a vault that can be purged, lower spend alert.
// Point providerEndpoints at a simulator deployment for an environment that must not spend money.
using '../main.bicep'

param environmentName = 'dev'
param taskHubName = 'NatakDevHub'
param authAuthority = readEnvironmentVariable('NATAK_AUTH_AUTHORITY')
param authAudience = readEnvironmentVariable('NATAK_AUTH_AUDIENCE')
param r2AccountId = readEnvironmentVariable('NATAK_R2_ACCOUNT_ID')
param checkoutSuccessUrl = readEnvironmentVariable('NATAK_CHECKOUT_SUCCESS_URL')
param checkoutCancelUrl = readEnvironmentVariable('NATAK_CHECKOUT_CANCEL_URL')
param r2Bucket = 'natak-assets-dev'
param maximumInstanceCount = 10
param instanceMemoryMB = 2048
param httpPerInstanceConcurrency = 32
param storageSkuName = 'Standard_LRS'
param keyVaultPurgeProtection = false
param operatorPrincipalId = readEnvironmentVariable('NATAK_OPERATOR_PRINCIPAL_ID', '')
param alertActionGroupId = readEnvironmentVariable('NATAK_ALERT_ACTION_GROUP_ID', '')
param alertFailedJobPercent = 30
param alertFailedJobMinimum = 5
param alertSpendUsdPerHour = 10
