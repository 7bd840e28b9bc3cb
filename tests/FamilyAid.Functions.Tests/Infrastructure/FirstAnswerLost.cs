using Azure.Core;
using Azure.Core.Pipeline;

namespace FamilyAid.Functions.Tests.Infrastructure;

/// <summary>Storage whose first answer to an insert into one table never reaches the app: the insert is sent twice and the
/// app sees the second answer, as a client retrying after a timeout would (an Azurite stall longer than the timeout).</summary>
public sealed class FirstAnswerLost(string table) : HttpPipelinePolicy
{
    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The tests use the asynchronous client.");

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith(table, StringComparison.Ordinal))
        {
            await ProcessNextAsync(message, pipeline);
        }

        await ProcessNextAsync(message, pipeline);
    }

    /// <summary>The app's tables under a fresh prefix, on a client whose inserts into <paramref name="table"/> lose their first answer.</summary>
    public static Functions.Storage.Tables Tables(string table)
    {
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(new FirstAnswerLost(table), HttpPipelinePosition.PerRetry);
        return new Functions.Storage.Tables(new Azure.Data.Tables.TableServiceClient(FamilyAidApp.StorageConnection, options), "t" + Guid.NewGuid().ToString("N")[..10]);
    }
}
