import { registerEnumType } from "type-graphql";
import { Role } from "../generated/prisma/enums.ts";

export { Role };

registerEnumType(Role, { name: "Role", description: "What an account may do on the platform." });
