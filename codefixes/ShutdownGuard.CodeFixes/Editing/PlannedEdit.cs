using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.CodeFixes.Editing;

/// <summary>
/// A C# edit decided for one document but not yet applied. Deciding is cheap (syntax and symbol lookups); applying
/// computes the fixed solution, so a light bulb only plans and the code action applies when it is chosen.
/// </summary>
internal sealed class PlannedEdit
{
    private readonly Document _document;
    private readonly CSharpEdit _edit;

    public PlannedEdit(Document document, CSharpEdit edit)
    {
        _document = document;
        _edit = edit;
    }

    public async Task<Solution> ApplyAsync(CancellationToken cancellationToken) =>
        (await _edit.ApplyAsync(_document, cancellationToken).ConfigureAwait(false)).Project.Solution;

    /// <summary>The planned edit applied; null when none was planned (Fix All skips that diagnostic).</summary>
    public static async Task<Solution?> ApplyAsync(Task<PlannedEdit?> planning, CancellationToken cancellationToken) =>
        await planning.ConfigureAwait(false) is { } plan ? await plan.ApplyAsync(cancellationToken).ConfigureAwait(false) : null;
}
