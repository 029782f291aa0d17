// A user-assigned managed identity. The function app runs as one, and so does the deployment script
// that switches on static website hosting; each gets only the roles it needs (see rbac.bicep and
// static-website.bicep).

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
