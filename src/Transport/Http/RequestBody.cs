using Microsoft.AspNetCore.Http;

namespace Ddl.Transport.Http;

/// <summary>Reads a request body into memory, refusing one larger than the limit without buffering all of it.</summary>
internal static class RequestBody
{
    /// <returns>The body, or null when it exceeds <paramref name="maxBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellation)
    {
        if (request.ContentLength > maxBytes)
            return null;

        var buffer = new byte[Math.Min((int?)request.ContentLength ?? 16 * 1024, maxBytes) + 1];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                        return null;
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellation);
                if (read == 0)
                    break;
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null; // the server's own MaxRequestBodySize is lower than ours
        }
        return length > maxBytes ? null : buffer.AsMemory(0, length);
    }
}
