// Production: `az deployment group create -g <rg> --template-file infra/main.bicep --parameters infra/env/prod.bicepparam`
// (docs/deploy.md). Values that name another system come from the environment, so none is written here.
using '../main.bicep'

param environmentName = 'prod'
param taskHubName = 'NatakHub'
param authAuthority = readEnvironmentVariable('NATAK_AUTH_AUTHORITY')
param authAudience = readEnvironmentVariable('NATAK_AUTH_AUDIENCE')
param r2AccountId = readEnvironmentVariable('NATAK_R2_ACCOUNT_ID')
param checkoutSuccessUrl = readEnvironmentVariable('NATAK_CHECKOUT_SUCCESS_URL')
param checkoutCancelUrl = readEnvironmentVariable('NATAK_CHECKOUT_CANCEL_URL')
param r2Bucket = 'natak-assets'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param httpPerInstanceConcurrency = 32
param storageSkuName = 'Standard_ZRS'
param keyVaultPurgeProtection = true
param operatorPrincipalId = readEnvironmentVariable('NATAK_OPERATOR_PRINCIPAL_ID', '')
param alertActionGroupId = readEnvironmentVariable('NATAK_ALERT_ACTION_GROUP_ID', '')
param alertFailedJobPercent = 20
param alertFailedJobMinimum = 5
param alertSpendUsdPerHour = 50
