using GraphQL.Validation;
using GraphQLParser.AST;

namespace Ddl.Transport.Tests.Schema;

/// <summary>Proves that validation rules registered with AddValidationRule run behind this transport.</summary>
public sealed class ForbiddenFieldRule : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (field.Name.Value == "forbidden")
            context.ReportError(new ValidationError(context.Document.Source, "test", "The field 'forbidden' is refused.", field));
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}
