namespace ConsentApi.Tests.Support;

/// <summary>One request a <see cref="WebhookReceiver"/> accepted.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Body, Dictionary<string, string> Headers);
