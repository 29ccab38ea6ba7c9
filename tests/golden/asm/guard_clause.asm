fib:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 49                          jb short 0x000000000000011F
      d6:  48 83 ff 02                    cmp rdi,2
      da:  7d 08                          jge short 0x00000000000000E4
      dc:  48 89 f8                       mov rax,rdi
      df:  49 83 c6 01                    add r14,1
      e3:  c3                             ret
      e4:  49 3b 67 20                    cmp rsp,[r15+0x20]
      e8:  72 35                          jb short 0x000000000000011F
      ea:  53                             push rbx
      eb:  55                             push rbp
      ec:  48 83 ec 08                    sub rsp,8
      f0:  48 89 fb                       mov rbx,rdi
      f3:  48 83 ef 01                    sub rdi,1
      f7:  70 33                          jo short 0x000000000000012C
      f9:  e8 d2 ff ff ff                 call 0x00000000000000D0
      fe:  48 89 c5                       mov rbp,rax
     101:  48 89 df                       mov rdi,rbx
     104:  48 83 ef 02                    sub rdi,2
     108:  70 22                          jo short 0x000000000000012C
     10a:  e8 c1 ff ff ff                 call 0x00000000000000D0
     10f:  48 01 e8                       add rax,rbp
     112:  70 18                          jo short 0x000000000000012C
     114:  49 83 c6 01                    add r14,1
     118:  48 83 c4 08                    add rsp,8
     11c:  5d                             pop rbp
     11d:  5b                             pop rbx
     11e:  c3                             ret
     11f:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     127:  e9 47 ff ff ff                 jmp 0x0000000000000073
     12c:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     134:  e9 3a ff ff ff                 jmp 0x0000000000000073

tak:
     140:  49 83 ee 01                    sub r14,1
     144:  0f 82 89 00 00 00              jb 0x00000000000001D3
     14a:  48 39 fe                       cmp rsi,rdi
     14d:  7c 08                          jl short 0x0000000000000157
     14f:  48 89 d0                       mov rax,rdx
     152:  49 83 c6 01                    add r14,1
     156:  c3                             ret
     157:  49 3b 67 20                    cmp rsp,[r15+0x20]
     15b:  72 76                          jb short 0x00000000000001D3
     15d:  53                             push rbx
     15e:  55                             push rbp
     15f:  41 54                          push r12
     161:  41 55                          push r13
     163:  48 83 ec 08                    sub rsp,8
     167:  48 89 fb                       mov rbx,rdi
     16a:  48 89 f5                       mov rbp,rsi
     16d:  48 89 14 24                    mov [rsp],rdx
     171:  48 89 df                       mov rdi,rbx
     174:  48 83 ef 01                    sub rdi,1
     178:  70 66                          jo short 0x00000000000001E0
     17a:  48 89 ee                       mov rsi,rbp
     17d:  48 8b 14 24                    mov rdx,[rsp]
     181:  e8 ba ff ff ff                 call 0x0000000000000140
     186:  49 89 c5                       mov r13,rax
     189:  48 89 ef                       mov rdi,rbp
     18c:  48 83 ef 01                    sub rdi,1
     190:  70 4e                          jo short 0x00000000000001E0
     192:  48 8b 34 24                    mov rsi,[rsp]
     196:  48 89 da                       mov rdx,rbx
     199:  e8 a2 ff ff ff                 call 0x0000000000000140
     19e:  49 89 c4                       mov r12,rax
     1a1:  48 8b 3c 24                    mov rdi,[rsp]
     1a5:  48 83 ef 01                    sub rdi,1
     1a9:  70 35                          jo short 0x00000000000001E0
     1ab:  48 89 de                       mov rsi,rbx
     1ae:  48 89 ea                       mov rdx,rbp
     1b1:  e8 8a ff ff ff                 call 0x0000000000000140
     1b6:  4c 89 ef                       mov rdi,r13
     1b9:  4c 89 e6                       mov rsi,r12
     1bc:  48 89 c2                       mov rdx,rax
     1bf:  e8 7c ff ff ff                 call 0x0000000000000140
     1c4:  49 83 c6 01                    add r14,1
     1c8:  48 83 c4 08                    add rsp,8
     1cc:  41 5d                          pop r13
     1ce:  41 5c                          pop r12
     1d0:  5d                             pop rbp
     1d1:  5b                             pop rbx
     1d2:  c3                             ret
     1d3:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     1db:  e9 93 fe ff ff                 jmp 0x0000000000000073
     1e0:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     1e8:  e9 86 fe ff ff                 jmp 0x0000000000000073

