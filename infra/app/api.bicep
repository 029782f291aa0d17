// The Flex Consumption plan and the Linux function app (.NET 10 isolated worker). The app runs as a
// user-assigned managed identity: AzureWebJobsStorage, the deployment package, Application
// Insights, Key Vault references and the app's own Azure SDK clients all use it. No keys.

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to the plan; the app also gets azd-service-name.')
param tags object = {}

@description('azd service name this app is deployed as (azure.yaml).')
param serviceName string = 'api'

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Runtime storage account (AzureWebJobsStorage and the deployment package).')
param storageAccountName string

@description('Blob container in the runtime account holding the deployment package.')
param deploymentContainerName string

@description('Application Insights resource name.')
param applicationInsightsName string

@description('Application settings of the product (merged with the runtime settings below).')
param appSettings object = {}

@description('Settings whose value is a path on the app\'s own address: each becomes https://<default host name>/<path>.')
param selfUrlSettings object = {}

@description('Worker runtime name.')
param runtimeName string = 'dotnet-isolated'

@description('Worker runtime version.')
param runtimeVersion string = '10.0'

@description('Memory of each instance in MB (Flex Consumption sizes: 512, 2048, 4096).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound on instances (Flex Consumption minimum is 40).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
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
    // Key Vault references resolve as the user-assigned identity (the default would be a
    // system-assigned identity, which this app does not have).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

// Settings the Functions host itself needs. Flex Consumption takes the worker runtime from
// functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not set here.
var runtimeSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

var selfUrls = toObject(
  items(selfUrlSettings),
  setting => setting.key,
  setting => 'https://${functionApp.properties.defaultHostName}/${setting.value}'
)

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(appSettings, selfUrls, runtimeSettings)
}

// Deployments (azd, az functionapp deploy) authenticate with Microsoft Entra ID, so the legacy
// FTP and SCM basic-auth publishing credentials are switched off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output id string = functionApp.id
output defaultHostName string = functionApp.properties.defaultHostName
