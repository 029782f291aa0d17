// A general-purpose v2 storage account reached only with Microsoft Entra ID (no shared keys, no
// anonymous blob access, TLS 1.2, HTTPS only), with the blob containers it is asked for and, when
// asked, static website hosting (which creates the public `$web` container).

@description('Storage account name: 3-24 lower-case letters and digits.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object = {}

@description('Private blob containers to create.')
param containers string[] = []

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int = 7

@description('Serve a static website from the `$web` container (index.html for the root and for a missing path).')
param staticWebsite bool = false

@description('''True: the blob service is written with API version 2025-08-01, whose `staticWebsite` property
switches the site on from the template alone. False: the fallback for a region that does not offer
that version yet. The blob service is written with 2023-05-01 and the azd postprovision hook
switches the site on (infra/README.md).''')
param staticWebsiteInTemplate bool = true

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

// Static website hosting is a property of the blob service since API version 2025-08-01, so no
// deployment script (and no container, identity or shared-key storage of its own) is needed.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = if (staticWebsiteInTemplate) {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    staticWebsite: {
      enabled: staticWebsite
      indexDocument: 'index.html'
      errorDocument404Path: 'index.html'
    }
  }
}

// The fallback: the same blob service without the static website property (see staticWebsiteInTemplate).
resource blobServiceFallback 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = if (!staticWebsiteInTemplate) {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

// Named by path rather than `parent`, because the parent is whichever of the two blob services applies.
resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    name: '${storage.name}/default/${container}'
    properties: {
      publicAccess: 'None'
    }
    dependsOn: [
      blobService
      blobServiceFallback
    ]
  }
]

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output webEndpoint string = storage.properties.primaryEndpoints.web
