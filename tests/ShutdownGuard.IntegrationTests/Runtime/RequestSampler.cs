using System.Diagnostics;

namespace ShutdownGuard.IntegrationTests.Runtime;

/// <summary>One request: when it was sent and answered, relative to the start of the run, and how.</summary>
public sealed record Sample(TimeSpan SentAt, TimeSpan AnsweredAt, int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public string Outcome => StatusCode is { } status ? "HTTP " + status : Error ?? "";

    public override string ToString() => $"sent {SentAt.TotalMilliseconds:F0} ms: {Outcome}";
}

/// <summary>
/// Sends GET requests on new connections, as traffic spread by a load balancer arrives: each request asks for
/// <c>Connection: close</c> and the handler keeps no pool, so every request connects anew and meets a closed listener.
/// </summary>
public sealed class RequestSampler : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectTimeout = RequestTimeout,
        UseProxy = false,
    })
    {
        Timeout = RequestTimeout,
    };

    private readonly Stopwatch _clock;

    public RequestSampler(Stopwatch clock) => _clock = clock;

    public async Task<Sample> SendAsync(Uri uri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.ConnectionClose = true;
        var sentAt = _clock.Elapsed;
        try
        {
            using var response = await _client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return new Sample(sentAt, _clock.Elapsed, (int)response.StatusCode, null);
        }
        catch (HttpRequestException exception)
        {
            return new Sample(sentAt, _clock.Elapsed, null, exception.InnerException?.Message ?? exception.Message);
        }
        catch (TaskCanceledException)
        {
            return new Sample(sentAt, _clock.Elapsed, null, $"no answer within {RequestTimeout.TotalSeconds} s");
        }
    }

    /// <summary>
    /// Starts a request every <paramref name="interval"/> without waiting for the ones before, until <paramref name="stop"/>
    /// is cancelled; then waits for the requests in flight, which time out by themselves.
    /// </summary>
    public async Task<IReadOnlyList<Sample>> SendEveryAsync(Uri uri, TimeSpan interval, CancellationToken stop)
    {
        var requests = new List<Task<Sample>>();
        while (!stop.IsCancellationRequested)
        {
            requests.Add(SendAsync(uri));
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return await Task.WhenAll(requests);
    }

    public void Dispose() => _client.Dispose();
}
