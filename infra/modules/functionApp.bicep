// The Natak Functions app on a Flex Consumption plan (.NET 10 isolated worker), running as the
// user-assigned identity. Every app setting the platform needs is set here; secrets are Key Vault
// references resolved by the platform with that identity, never values.

@description('Azure region (must offer Flex Consumption: az functionapp list-flexconsumption-locations).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Function app name (its default host name is <name>.azurewebsites.net).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityResourceId string

@description('Client (application) id of that identity.')
param identityClientId string

@description('Storage account for the host, the task hub and the app tables.')
param storageAccountName string

@description('Blob container in that account holding the deployment package.')
param deploymentContainerName string

@description('Application Insights component (local auth disabled).')
param appInsightsName string

@description('Vault URI (https://<name>.vault.azure.net/) the secret references point into.')
param keyVaultUri string

@description('Durable task hub name; host.json reads it as %NatakTaskHub%.')
param taskHubName string

@description('Public base URL of the app (scheme and host, no path). Empty: https://<default host name>.')
param publicBaseUrl string

@description('OIDC authority web clients get their tokens from.')
param authAuthority string

@description('Token audience the API accepts.')
param authAudience string

@description('Expected token issuer. Empty: the authority.')
param authIssuer string

@description('Cloudflare account id (part of the R2 endpoint host, not a credential).')
param r2AccountId string

@description('R2 bucket holding every generated asset.')
param r2Bucket string

@description('Provider endpoints (the simulator can stand in for any of them).')
param providerEndpoints {
  falQueueBaseUrl: string
  falJwksUrl: string
  waveSpeedBaseUrl: string
  xaiBaseUrl: string
}

@description('Where Stripe Checkout returns the buyer after paying.')
param checkoutSuccessUrl string

@description('Where Stripe Checkout returns a buyer who backs out.')
param checkoutCancelUrl string

@description('Stripe API base (the simulator can stand in).')
param stripeApiBase string

@description('Browser origins allowed to call the API (CORS). Empty: none.')
param corsAllowedOrigins string[]

@description('Upper bound on instances the plan scales out to.')
param maximumInstanceCount int

@description('Memory per instance in MB.')
param instanceMemoryMB int

@description('Concurrent HTTP requests one instance takes before the plan adds another.')
param httpPerInstanceConcurrency int

@description('Instances kept warm per function group, e.g. [{ name: \'http\', instanceCount: 1 }]. Empty: scale to zero.')
param alwaysReady { name: string, instanceCount: int }[]

// Key Vault secret names allow only letters, digits and hyphens, so the secrets carry the hyphenated form
// of the environment variable names in docs/architecture.md.
var secretNames = {
  falKey: 'FAL-KEY'
  waveSpeedKey: 'WAVESPEED-KEY'
  waveSpeedWebhookSecret: 'WAVESPEED-WEBHOOK-SECRET'
  grokApiKey: 'GROK-API-KEY'
  r2AccessKeyId: 'R2-ACCESS-KEY-ID'
  r2SecretAccessKey: 'R2-SECRET-ACCESS-KEY'
  webhookSigningKey: 'NATAK-WEBHOOK-SIGNING-KEY'
  stripeSecretKey: 'STRIPE-SECRET-KEY'
  stripeWebhookSecret: 'STRIPE-WEBHOOK-SECRET'
}

// Webhook URLs handed to fal and WaveSpeed are built from this.
var effectivePublicBaseUrl = empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
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

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the app to deploy the 'api' service of azure.yaml by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      minTlsVersion: '1.2'
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // A separate resource so the public base URL can default to the site's own host name. It replaces the
  // whole settings collection on every deployment: a setting added by hand elsewhere does not survive.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage, Durable task hub and the app's tables: managed identity, no connection string.
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // DefaultAzureCredential in app code picks the user-assigned identity.
      AZURE_CLIENT_ID: identityClientId

      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

      NatakTaskHub: taskHubName
      Natak__PublicBaseUrl: effectivePublicBaseUrl
      Natak__WebhookSigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.webhookSigningKey}/)'

      Auth__Authority: authAuthority
      Auth__Audience: authAudience
      Auth__Issuer: empty(authIssuer) ? authAuthority : authIssuer

      Providers__Fal__QueueBaseUrl: providerEndpoints.falQueueBaseUrl
      Providers__Fal__JwksUrl: providerEndpoints.falJwksUrl
      Providers__Fal__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.falKey}/)'
      Providers__WaveSpeed__BaseUrl: providerEndpoints.waveSpeedBaseUrl
      Providers__WaveSpeed__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.waveSpeedKey}/)'
      Providers__WaveSpeed__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.waveSpeedWebhookSecret}/)'
      Providers__Xai__BaseUrl: providerEndpoints.xaiBaseUrl
      Providers__Xai__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.grokApiKey}/)'

      // The app's own CORS (the shared pipeline): the same origins as platform CORS above, which answers
      // preflights; the app adds Access-Control-Expose-Headers (Location, Retry-After, ETag) platform CORS cannot.
      Cors__AllowedOrigins: join(corsAllowedOrigins, ',')

      R2_ACCOUNT_ID: r2AccountId
      R2_BUCKET: r2Bucket
      R2_ACCESS_KEY_ID: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.r2AccessKeyId}/)'
      R2_SECRET_ACCESS_KEY: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.r2SecretAccessKey}/)'

      Payments__SuccessUrl: checkoutSuccessUrl
      Payments__CancelUrl: checkoutCancelUrl
      Payments__StripeApiBase: stripeApiBase
      STRIPE_SECRET_KEY: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.stripeSecretKey}/)'
      STRIPE_WEBHOOK_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.stripeWebhookSecret}/)'
    }
  }

  // Deployments authenticate with Entra ID; publishing user names and passwords are switched off.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output publicBaseUrl string = effectivePublicBaseUrl
output keyVaultSecretNames string[] = [for secret in items(secretNames): secret.value]
