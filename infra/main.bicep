// Natak on Azure: a .NET 10 isolated Durable Functions app on Flex Consumption, its identity-only storage
// account (task hub + ledger tables), Key Vault for provider and R2 secrets, and Application Insights.
// Deploy into an existing resource group; docs/deploy.md walks through it.
targetScope = 'resourceGroup'

@description('Short environment name (lowercase letters and digits), part of every resource name: prod, staging, dev1.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region. Defaults to the resource group\'s; it must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Durable task hub name (3-45 letters and digits, starting with a letter). Changing it starts an empty hub: in-flight orchestrations stay in the old one.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'NatakHub'

@description('Public base URL (scheme and host, no path) used to build webhook URLs, e.g. https://api.example.com behind a custom domain or front door. Empty: https://<function app default host name>.')
param publicBaseUrl string = ''

@description('OIDC authority (metadata at <authority>/.well-known/openid-configuration), e.g. https://login.microsoftonline.com/<tenant-id>/v2.0.')
@minLength(1)
param authAuthority string

@description('Audience (aud) the API accepts, e.g. api://natak or the API app registration\'s client id.')
@minLength(1)
param authAudience string

@description('Expected issuer (iss). Empty: the authority.')
param authIssuer string = ''

@description('Cloudflare account id: names the R2 endpoint https://<id>.r2.cloudflarestorage.com. Not a credential.')
@minLength(1)
param r2AccountId string

@description('R2 bucket for generated assets.')
@minLength(3)
param r2Bucket string

@description('Browser origins allowed to call the API, e.g. [\'https://app.example.com\']. Empty: no browser origin.')
param corsAllowedOrigins string[] = []

@description('Instances the app may scale out to. Provider concurrency caps, not instances, bound throughput: see docs/deploy.md.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB (CPU scales with it).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Concurrent HTTP requests per instance before another instance is added. The HTTP handlers are short I/O-bound calls.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 32

@description('Warm instances per function group (\'http\', \'durable\', or \'function:<name>\'). Empty: scale to zero.')
param alwaysReady { name: string, instanceCount: int }[] = []

@description('Storage replication for the task hub and the ledger tables.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('Key Vault purge protection (irreversible once on).')
param keyVaultPurgeProtection bool = true

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Optional object id of the operator (user, group or service principal) who sets the Key Vault secrets; granted Key Vault Secrets Officer.')
param operatorPrincipalId string = ''

@description('Type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

@description('Provider endpoints. Point them at the provider simulator for a staging environment that must not spend money.')
param providerEndpoints {
  falQueueBaseUrl: string
  falJwksUrl: string
  waveSpeedBaseUrl: string
  xaiBaseUrl: string
} = {
  falQueueBaseUrl: 'https://queue.fal.run'
  falJwksUrl: 'https://rest.fal.ai/.well-known/jwks.json'
  waveSpeedBaseUrl: 'https://api.wavespeed.ai'
  xaiBaseUrl: 'https://api.x.ai'
}

@description('Where Stripe Checkout sends the buyer after paying (Natak Studio\'s credits page); {CHECKOUT_SESSION_ID} is filled in by Stripe.')
@minLength(1)
param checkoutSuccessUrl string

@description('Where Stripe Checkout sends a buyer who backs out.')
@minLength(1)
param checkoutCancelUrl string

@description('Stripe\'s API base. Point a staging environment at the simulator\'s {sim}/stripe to take no real payments.')
param stripeApiBase string = 'https://api.stripe.com'

@description('Action group (resource id) the alerts notify: failed-job rate, an open provider circuit, spend per hour. Empty: alerts fire without notifying anyone.')
param alertActionGroupId string = ''

@description('Failed-job alert: percent of the jobs finished in 15 minutes that failed.')
@minValue(1)
@maxValue(100)
param alertFailedJobPercent int = 20

@description('Failed-job alert: jobs that must have finished in the 15 minutes before the rate is judged.')
@minValue(1)
param alertFailedJobMinimum int = 5

@description('Spend alert: provider spend in whole USD per hour.')
@minValue(1)
param alertSpendUsdPerHour int = 50

@description('Tags applied to every resource.')
param tags object = {
  app: 'natak'
  environment: environmentName
}

var appName = 'natak'
var env = toLower(environmentName)
// Globally unique names need a suffix; deriving it from the resource group keeps redeployments idempotent.
var suffix = uniqueString(subscription().subscriptionId, resourceGroup().id, env)
var functionAppName = 'func-${appName}-${env}-${take(suffix, 6)}'
var deploymentContainerName = 'app-package'

// The app's own tables (the Durable task hub creates and owns its tables, queues and containers).
var tableNames = [
  'CreditLedger'
  'CreditHoldExpiry'
  'CreditClaims'
  'Jobs'
  'Spend'
  'WebhookInbox'
  'Characters'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${appName}-${env}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${appName}-${env}'
    appInsightsName: 'appi-${appName}-${env}'
    retentionInDays: logRetentionInDays
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    tags: tags
    appInsightsName: monitoring.outputs.appInsightsName
    actionGroupId: alertActionGroupId
    failedJobPercent: alertFailedJobPercent
    failedJobMinimum: alertFailedJobMinimum
    spendUsdPerHour: alertSpendUsdPerHour
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: 'st${appName}${take(env, 6)}${take(suffix, 10)}'
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    tableNames: tableNames
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    tags: tags
    name: 'kv-${appName}-${take(env, 6)}-${take(suffix, 6)}'
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module roles 'modules/roleAssignments.bicep' = {
  name: 'roleAssignments'
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    identityResourceId: identity.id
    identityPrincipalId: identity.properties.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  // The host must be able to reach storage, Key Vault and App Insights the first time it starts.
  dependsOn: [
    roles
  ]
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${appName}-${env}'
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultUri: keyVault.outputs.uri
    taskHubName: taskHubName
    publicBaseUrl: publicBaseUrl
    authAuthority: authAuthority
    authAudience: authAudience
    authIssuer: authIssuer
    r2AccountId: r2AccountId
    r2Bucket: r2Bucket
    providerEndpoints: providerEndpoints
    checkoutSuccessUrl: checkoutSuccessUrl
    checkoutCancelUrl: checkoutCancelUrl
    stripeApiBase: stripeApiBase
    corsAllowedOrigins: corsAllowedOrigins
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    alwaysReady: alwaysReady
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output publicBaseUrl string = functionApp.outputs.publicBaseUrl
output falWebhookUrl string = '${functionApp.outputs.publicBaseUrl}/api/webhooks/fal'
output waveSpeedWebhookUrl string = '${functionApp.outputs.publicBaseUrl}/api/webhooks/wavespeed'
output stripeWebhookUrl string = '${functionApp.outputs.publicBaseUrl}/api/webhooks/stripe'
output keyVaultName string = keyVault.outputs.name
output keyVaultSecretNames string[] = functionApp.outputs.keyVaultSecretNames
output storageAccountName string = storage.outputs.name
output identityClientId string = identity.properties.clientId
output alertNames string[] = alerts.outputs.alertNames
