using Azure.Core;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// A sign-in chosen for this process (the CLI's admin sign-in) instead of the app's own identity. Its token goes with
/// every Graph and SharePoint request, to an emulator too, so a test can see whose token the requests carry.
/// </summary>
public sealed record GraphSignIn(TokenCredential Credential);
